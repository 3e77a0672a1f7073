from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.functions import Lower

from clippings.text import forbidden_character_message, normalise_line_breaks

SLUG_CASE_CODE = "slug_unique_ignoring_case"


class ArchiveModel(models.Model):
    """A record of the archive: its text is plain text that every page and format can carry.

    Every text field refuses control characters (but line breaks and tabs), bidirectional
    overrides and text past ``MAX_TEXT_LENGTH``: as a field error in ``full_clean()`` (the
    admin, imports) and as a ``ValidationError`` from ``save()`` (code). Line breaks are
    stored as line feeds. Raw saves (``loaddata`` of a backup) are not checked: they bring
    back what was stored; ``check_archive`` reports rows that break the rule.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if errors := self._text_errors():
            raise ValidationError(errors)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        """As Django does, but a slug that clashes ignoring case is an error of the slug field
        (a constraint on an expression is otherwise an error of the whole record)."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            slug = [e for e in general if getattr(e, "code", None) == SLUG_CASE_CODE]
            if slug:
                errors.setdefault("slug", []).extend(slug)
            if rest := [e for e in general if e not in slug]:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from None

    def _text_fields(self, exclude=()):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and field.name not in exclude:
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    yield field, value

    def _text_errors(self, exclude=()):
        errors = {}
        for field, value in self._text_fields(exclude):
            normalised = normalise_line_breaks(value)
            if normalised != value:
                setattr(self, field.attname, normalised)
            if message := forbidden_character_message(normalised):
                errors[field.name] = [message]
        return errors

    def clean_fields(self, exclude=None):
        errors = self._text_errors(exclude or ())
        try:
            super().clean_fields(exclude=[*(exclude or ()), *errors])
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class SlugManager(models.Manager):
    """For a record named by its slug (an article, a source, a speaker, a tag): fixtures,
    imports and backups refer to it by ``(slug,)``, its natural key."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def slug_unique_ignoring_case(prefix, noun):
    """The constraint that keeps slugs unique even ignoring case: "Putin" and "putin" would be
    two addresses that people (and some file systems and proxies) take for one."""
    return models.UniqueConstraint(
        Lower("slug"),
        name=f"{prefix}_slug_unique_ignoring_case",
        violation_error_code=SLUG_CASE_CODE,
        violation_error_message=f"Another {noun} has a slug that differs from this one only "
        "in case: choose another.",
    )


def in_key_order(rows, keys):
    """``rows`` (read by primary key) in the order of ``keys``: a list found by sorting keys,
    then read whole. A key whose row is gone by then (deleted between the two reads) is left
    out, and the list is one shorter for that request."""
    by_key = {row.pk: row for row in rows}
    return [by_key[key] for key in keys if key in by_key]
