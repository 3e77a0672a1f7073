"""Admin forms, form fields and widgets that cope with whatever a request posts."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms.models import InlineForeignKeyField


def is_key(model, value, to_field=None):
    """Whether ``value`` can be ``model``'s key (or its ``to_field``): "abc" or a number past
    the database's integers cannot, and must not reach a query."""
    opts = model._meta
    key = opts.get_field(to_field or opts.pk.attname)
    try:
        key.run_validators(key.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class CheckedValuesMixin:
    """Redisplaying a refused form, Django's autocomplete looks the posted values up as they
    came: "abc" or a number past the database's integers raised instead of showing the form
    with "Select a valid choice". Values that cannot be a key are left out of the lookup."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        to_field = getattr(remote, "field_name", None)
        return super().optgroups(
            name, [v for v in value if is_key(remote.model, v, to_field)], attr
        )


class CheckedAutocompleteSelect(CheckedValuesMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedValuesMixin, AutocompleteSelectMultiple):
    pass


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a value that cannot be a key as an invalid choice before querying with it
    (Django's own field lets a number past the database's integers raise)."""

    def _check_values(self, value):
        for pk in value:
            if not is_key(self.queryset.model, pk, self.to_field_name):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class InlineRowForm(forms.ModelForm):
    """A row of an inline that checks the constraints naming its parent too.

    Django leaves the parent's foreign key out of an inline row's constraint checks, so a
    second credit of the same source, say, reached the database and failed there.
    """

    def validate_unique(self):
        super().validate_unique()
        parent = {name for name, f in self.fields.items() if isinstance(f, InlineForeignKeyField)}
        exclude = self._get_validation_exclusions()
        for constraint in self.instance._meta.constraints:
            if parent & set(getattr(constraint, "fields", ())):
                try:
                    constraint.validate(type(self.instance), self.instance, exclude=exclude)
                except ValidationError as error:
                    self._update_errors(error)
