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
    with "Select a valid choice". Values that cannot be a key are left out of the lookup.

    Django also looks up each widget's selection on its own, a query per row of an inline;
    ``preload_selections()`` reads them for all the rows at once into ``selected``.
    """

    #: The selectable records read beforehand, by key as a string; None to look them up.
    selected = None

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        to_field = getattr(remote, "field_name", None)
        value = [v for v in value if is_key(remote.model, v, to_field)]
        if self.selected is None:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for key in dict.fromkeys(str(v) for v in value):
            if key in self.selected:
                record = self.selected[key]
                options.append(self.create_option(name, key, label(record), True, len(options)))
        return [(None, options, 0)]


def preload_selections(forms):
    """Read the records every autocomplete of ``forms`` (an inline's rows) shows as selected,
    one query per kind of record for all the rows and fields (a quote's speaker and
    intermediary are both speakers), instead of one per row and field."""
    if not forms:
        return
    lookups = {}  # (queryset, to_field, names, keys) by what the fields select among
    for name, field in forms[0].fields.items():
        widget = _autocomplete(field)
        if not isinstance(widget, CheckedValuesMixin):
            continue
        remote = widget.field.remote_field
        to_field = getattr(remote, "field_name", None) or remote.model._meta.pk.attname
        # Fields whose choices are narrowed share no lookup: each reads from its own queryset.
        among = (field.queryset.model, to_field) if not field.queryset.query.where else name
        _, _, names, keys = lookups.setdefault(among, (field.queryset, to_field, [], set()))
        names.append(name)
        for form in forms:
            value = form[name].value()
            for v in value if isinstance(value, (list, tuple)) else [value]:
                if v not in field.empty_values and is_key(remote.model, v, to_field):
                    keys.add(v)
    for queryset, to_field, names, keys in lookups.values():
        records = queryset.filter(**{f"{to_field}__in": keys}) if keys else []
        selected = {str(getattr(record, to_field)): record for record in records}
        for form in forms:
            for name in names:
                _autocomplete(form.fields[name]).selected = selected


def _autocomplete(field):
    """The field's widget, inside the admin's wrapper that adds "+" and edit links."""
    return getattr(field.widget, "widget", field.widget)


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
