"""The one error type services raise when a request breaks a business rule."""

from django.core.exceptions import ValidationError


class ApplicationError(ValidationError):
    """A refused write, with a message a person can act on (already translated).

    It is a ValidationError so that forms can attach it to a field (``field``) or to the
    form as a whole, and views show it instead of a 500.
    """

    def __init__(self, message, *, field: str | None = None, code: str | None = None, params=None):
        super().__init__(message, code=code, params=params)
        self.field = field


def add_to_form(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: at its field when it names one the form has."""
    if getattr(error, "field", None):
        field = form.fields.get(error.field)
        form.add_error(error.field if field and not field.widget.is_hidden else None, error.messages)
    elif hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
