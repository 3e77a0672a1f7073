"""List filters on records the archive has thousands of, chosen by typing, not from a list.

Django's filter on a foreign key or many-to-many field lists every related record in the
sidebar: 20,000 speakers on the quote list, 2,000 tags and 1,000 sources on the clippings'. An
``AutocompleteFilter`` offers instead the change form's autocomplete (Django's own widget and
``/admin/autocomplete/``, searched with the related model's ``search_fields``) and lists only
the record chosen.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import AutocompleteSelect

from .admin_fields import CheckedAutocompleteSelect, is_key


class AutocompleteFilter(admin.RelatedFieldListFilter):
    """A foreign key or many-to-many filter whose record is typed: the sidebar shows the
    record chosen and a field that suggests others as one types (``admin_filters.js`` applies
    a choice at once; the Filter button does without JavaScript).

    The related model's admin needs ``search_fields``, as for ``autocomplete_fields``.
    """

    template = "admin/clippings/autocomplete_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.model_admin = model_admin
        super().__init__(field, request, params, model, model_admin, field_path)

    def field_choices(self, field, request, model_admin):
        """Only the record chosen: a choice per related record is what this filter avoids."""
        to_field = field.target_field.name
        chosen = [v for v in self.lookup_val or [] if is_key(field.related_model, v, to_field)]
        if not chosen:
            return []
        records = field.related_model._default_manager.filter(**{f"{to_field}__in": chosen})
        # Kept for the form's widget, which would otherwise read them again.
        self.chosen_records = {str(getattr(record, to_field)): record for record in records}
        return [(key, str(record)) for key, record in self.chosen_records.items()]

    def has_output(self):
        return True

    def choices(self, changelist):
        # The form keeps the list's other parameters, but starts again from its first page.
        self.kept_parameters = [
            (name, value)
            for name, values in changelist.filter_params.items()
            if name not in {*self.expected_parameters(), PAGE_VAR}
            for value in values
        ]
        return super().choices(changelist)

    def form(self):
        """The autocomplete field, named after the lookup, with the record chosen."""
        widget = CheckedAutocompleteSelect(
            self.field,
            self.model_admin.admin_site,
            attrs={"aria-label": f"Filter by {self.title}", "data-width": "100%"},
        )
        widget.selected = getattr(self, "chosen_records", {})
        field = forms.ModelChoiceField(
            queryset=self.field.related_model._default_manager.all(),
            to_field_name=self.field.target_field.name,
            required=False,
            widget=widget,
        )
        chosen = self.lookup_choices[0][0] if self.lookup_choices else None
        form_class = type("AutocompleteFilterForm", (forms.Form,), {self.lookup_kwarg: field})
        return form_class(initial={self.lookup_kwarg: chosen}, auto_id="id_filter_%s")


class AutocompleteFilterMedia:
    """ModelAdmin mixin: the scripts of its list's ``AutocompleteFilter`` fields."""

    @property
    def media(self):
        some_field = self.model._meta.pk
        autocomplete = AutocompleteSelect(some_field, self.admin_site).media
        return super().media + autocomplete + forms.Media(js=["clippings/admin_filters.js"])
