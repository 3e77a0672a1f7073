"""A clipping's paragraphs named by their anchor on its admin page.

A quote's paragraph, and the earlier paragraph an update's paragraph rewrites or removes, are
typed as the paragraph's anchor ("p7"), offered with its first words in one list for the whole
page (``<datalist id="paragraph-anchors">``), rather than chosen in a select per row that lists
every paragraph. A quote may also name a paragraph added in the same save, as "new 1" for the
first paragraph row added on the page: the paragraphs are saved before the quotes, in the one
transaction of the admin's save.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator

from .models import Paragraph

#: The ``id`` of the page's list of anchors, which each anchor input names in ``list``.
DATALIST_ID = "paragraph-anchors"

NEW_ROW = re.compile(r"^new\s*(\d+)$", re.IGNORECASE)


def paragraph_label(paragraph):
    """ "p7 — Armenian President Serzh Sarksyan said…": how the page offers a paragraph."""
    text = Truncator(" ".join(paragraph.text.split())).chars(70) or "(removal)"
    return f"{paragraph.anchor} — {text}"


def paragraph_datalist(paragraphs):
    """The page's list of anchors (its template's ``paragraph_anchors``) for the saved
    paragraphs of ``paragraphs``, an ``ArticleParagraphs`` or None."""
    saved = paragraphs.saved if paragraphs is not None else []
    return {"id": DATALIST_ID, "options": [(p.anchor, paragraph_label(p)) for p in saved]}


class ArticleParagraphs:
    """The paragraphs a clipping's page can name: its saved ones by anchor, and the rows of
    paragraphs added on the page (``new_rows``, the paragraph formset, which sets itself) as
    "new N"."""

    def __init__(self, article, new_rows=None):
        saved = (
            Paragraph.objects.filter(article=article).select_related("update")
            if article is not None and article.pk
            else []
        )
        self.saved = list(saved)
        self.by_anchor = {paragraph.anchor.lower(): paragraph for paragraph in self.saved}
        self.by_pk = {paragraph.pk: paragraph for paragraph in self.saved}
        self.new_rows = new_rows

    def anchor_of(self, value):
        """The anchor to show for an initial value: a paragraph or its key."""
        if isinstance(value, Paragraph):
            return value.anchor
        paragraph = self.by_pk.get(value)
        return paragraph.anchor if paragraph else ("" if value is None else str(value))

    def find(self, name, *, allow_new=True):
        """The paragraph called ``name``: a saved one, or an unsaved one added on the page."""
        paragraph = self.by_anchor.get(name.lower())
        if paragraph is not None:
            return paragraph
        match = NEW_ROW.match(name)
        if match and allow_new and self.new_rows is not None:
            return self._new_row(int(match[1]), name)
        raise ValidationError(
            f"This clipping has no paragraph “{name}”. Type a paragraph's anchor, e.g. p7"
            + (", or “new 1” for the first paragraph added on this page." if allow_new else "."),
            code="unknown_paragraph",
        )

    def _new_row(self, number, name):
        rows = self.new_rows.extra_forms
        if not 1 <= number <= len(rows):
            raise ValidationError(
                f"No paragraph “{name}” is being added on this page.", code="unknown_paragraph"
            )
        row = rows[number - 1]
        if not row.has_changed() or self.new_rows._should_delete_form(row):
            raise ValidationError(
                f"The paragraph “{name}” is empty or removed from this page.",
                code="unknown_paragraph",
            )
        if not row.is_valid():
            raise ValidationError(
                f"Correct the paragraph “{name}” first.", code="invalid_paragraph"
            )
        return row.instance


class ParagraphAnchorField(forms.CharField):
    """A paragraph of the edited clipping, typed as its anchor (``ArticleParagraphs``)."""

    def __init__(self, *, allow_new=True, **kwargs):
        attrs = {"list": DATALIST_ID, "size": 8, "autocomplete": "off", "class": "paragraph-anchor"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        self.allow_new = allow_new
        self.paragraphs = ArticleParagraphs(None)

    def prepare_value(self, value):
        return self.paragraphs.anchor_of(value)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        return self.paragraphs.find(value, allow_new=self.allow_new)

    def has_changed(self, initial, data):
        return self.prepare_value(initial).lower() != (data or "").strip().lower()


class ParagraphAnchorsForm:
    """Form mixin: the form's paragraph anchor fields name ``paragraphs``' paragraphs.

    A paragraph added in the same save is not saved yet when the form is checked; the model's
    own rules still check it (``Quote.clean()`` reads the paragraph as typed), but not that the
    key, which it gets on saving, is set.
    """

    def __init__(self, *args, paragraphs=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, ParagraphAnchorField) and paragraphs is not None:
                field.paragraphs = paragraphs

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(field, ParagraphAnchorField) and value is not None and value.pk is None:
                exclude.add(name)
        return exclude


class ParagraphAnchorsFormSet:
    """Formset mixin: passes its rows the clipping's ``ArticleParagraphs`` (``paragraphs``),
    set by the admin on the formset's class. The paragraphs' own formset is the one whose new
    rows a quote may name."""

    paragraphs = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.paragraphs is not None and self.model is Paragraph:
            self.paragraphs.new_rows = self

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "paragraphs": self.paragraphs}

    def add_fields(self, form, index):
        """Numbers the rows added on the page as the page names them: "new 1", "new 2"…"""
        super().add_fields(form, index)
        if index is not None and index >= self.initial_form_count():
            form.new_number = index - self.initial_form_count() + 1
