"""Form pieces every app uses."""

from django import forms

# A date typed in the browser's own date picker (dd/mm/yyyy shown, yyyy-mm-dd sent).
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
