"""What the web views share about forms."""

from django import forms

from amane.core.errors import AmaneError


def show_service_errors(form: forms.Form, error: AmaneError) -> None:
    """Put a service's refusal on the form: each message beside its field, the rest above the form."""
    for field, field_messages in error.field_messages().items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)
    if not error.fields:
        form.add_error(None, str(error.detail))
