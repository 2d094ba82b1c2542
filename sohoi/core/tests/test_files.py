import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from sohoi.core.files import SCANS, check_upload


def test_an_accepted_file_passes_and_others_are_refused_in_vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"
    ok = SimpleUploadedFile("QD 15.PDF", b"%PDF-1.4")
    assert check_upload(ok, SCANS) is ok
    with pytest.raises(forms.ValidationError) as error:
        check_upload(SimpleUploadedFile("bao-cao.docx", b"x"), SCANS)
    assert error.value.messages == ["Không thể đính kèm “bao-cao.docx”: chỉ nhận các tệp PDF, JPG, JPEG, PNG."]
    with pytest.raises(forms.ValidationError) as error:
        check_upload(SimpleUploadedFile("big.pdf", b"0" * (21 * 1024 * 1024)))
    assert error.value.messages == ["“big.pdf” có dung lượng 21.0 MB: tối đa 20 MB."]
