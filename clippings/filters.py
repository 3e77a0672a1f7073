"""The public lists' filters: clippings, quotes and speakers, one FilterSet each."""

import datetime
import re

import django_filters
from django import forms
from django.core.validators import validate_slug
from django_filters.constants import EMPTY_VALUES

from clippings.models import Article, Quote, Source, Speaker, Tag
from clippings.models.articles import ArticleQuerySet
from clippings.speaker_names import matching_speaker_ids


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """Picks a record by its slug; anything that cannot be a slug is an invalid choice.

    The check comes before the database lookup: a value that could never match (too long,
    odd characters, a NUL that PostgreSQL would refuse) costs no query.
    """

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                validate_slug(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                ) from None
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


# Code points HTML forbids in a document: C0 and C1 controls (but tab, line feed and
# carriage return) and the noncharacters. Typed into a filter, they are shown as U+FFFD.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SearchInput(forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        value = super().format_value(value)
        return UNPRINTABLE.sub("\ufffd", value) if value else value


class ISODateInput(forms.DateInput):
    """A date picker; its value is always year-month-day, whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            # Redisplaying a refused date: HTML allows only a real date or nothing here.
            try:
                valid = ISO_DATE.fullmatch(value) and datetime.date.fromisoformat(value)
            except ValueError:
                valid = False
            if not valid:
                return None
        return super().format_value(value)


class DateRangeForm(forms.Form):
    """A filter form on which no date range runs back to front.

    A range is a pair of date fields named ``<name>_after`` and ``<name>_before``, the
    suffixes of django-filter's own range widgets; an end earlier than its start is an error
    on the end's field.
    """

    def clean(self):
        cleaned_data = super().clean()
        for after_name, after_field in self.fields.items():
            if not after_name.endswith("_after"):
                continue
            before_name = after_name.removesuffix("_after") + "_before"
            after, before = cleaned_data.get(after_name), cleaned_data.get(before_name)
            if after and before and after > before:
                self.add_error(
                    before_name, f"This date is earlier than the “{after_field.label}” date."
                )
        return cleaned_data


class SortFilter(django_filters.OrderingFilter):
    """Orders a list by one of ``sorts``, a mapping of key -> (label, ordering), through its
    queryset's ``sorted_by(key)``, which reads the same mapping.

    The parameter's value is one key, offered with its label; any other value (an unknown
    key, a field name, OrderingFilter's comma-separated list) is an invalid choice. Without
    a value the list keeps the order it came in.
    """

    def __init__(self, *args, sorts, **kwargs):
        kwargs["choices"] = [(key, label) for key, (label, _) in sorts.items()]
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)
        self.field_class = django_filters.ChoiceFilter.field_class  # one key, not a list

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.sorted_by(value)


def iso_date_filter(label, lookup_expr, field_name="published_on"):
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        input_formats=["%Y-%m-%d"],
        widget=ISODateInput,
        error_messages={"invalid": "Enter a date as year-month-day, e.g. 2016-04-02."},
    )


class ArticleFilter(django_filters.FilterSet):
    """The archive index's filters and order.

    Every value is a plain GET parameter, so a filtered list is a link that can be shared.
    The date filters are lookups on ``published_on``; the others call ``ArticleQuerySet``
    methods, which use ``EXISTS`` so that no clipping is listed twice, and the orders are
    ``ArticleQuerySet.SORTS``. An unknown slug or choice and a malformed date make the form
    invalid: the view answers 400.
    """

    HAS_UPDATES = [("yes", "With updates"), ("no", "Without updates")]

    q = django_filters.CharFilter(
        method="filter_text",
        label="Words in the headline or text",
        max_length=200,
        widget=SearchInput,
    )
    tag = SlugChoiceFilter(
        method="filter_tag",
        label="Tag",
        queryset=Tag.objects.public(),
        empty_label="Any tag",
        error_messages={"invalid_choice": "No published clipping carries this tag."},
    )
    source = SlugChoiceFilter(
        method="filter_source",
        label="Credited source",
        queryset=Source.objects.credited_in_published(),
        empty_label="Any source",
        error_messages={"invalid_choice": "No published clipping credits this source."},
    )
    speaker = SlugChoiceFilter(
        method="filter_speaker",
        label="Speaker quoted",
        queryset=Speaker.objects.quoted_in_published(),
        empty_label="Anyone",
        error_messages={"invalid_choice": "No published clipping quotes this speaker."},
    )
    published_after = iso_date_filter("Published on or after", "gte")
    published_before = iso_date_filter("Published on or before", "lte")
    has_updates = django_filters.ChoiceFilter(
        method="filter_has_updates",
        label="Updates",
        choices=HAS_UPDATES,
        error_messages={"invalid_choice": "Choose “With updates” or “Without updates”."},
        empty_label="With or without",
    )
    sort = SortFilter(
        sorts=ArticleQuerySet.SORTS,
        label="Order",
        error_messages={"invalid_choice": "Choose one of the orders listed."},
    )

    class Meta:
        model = Article
        fields = []
        form = DateRangeForm

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def filter_tag(self, queryset, name, value):
        return queryset.tagged(value)

    def filter_source(self, queryset, name, value):
        return queryset.crediting(value)

    def filter_speaker(self, queryset, name, value):
        return queryset.quoting(value)

    def filter_has_updates(self, queryset, name, value):
        return queryset.with_updates(value == "yes")

    @property
    def narrows(self):
        """Whether a valid filter, not just an order, narrows the list."""
        data = self.form.cleaned_data if self.is_valid() else {}
        return any(
            data.get(name) not in (None, "")
            for name, filter_ in self.filters.items()
            if not isinstance(filter_, SortFilter)
        )


def speaker_affiliations():
    return [
        (affiliation, affiliation)
        for affiliation in Speaker.objects.quoted_in_published()
        .exclude(affiliation="")
        .order_by("affiliation")
        .values_list("affiliation", flat=True)
        .distinct()
    ]


class QuoteFilter(django_filters.FilterSet):
    """The quote search: who said it (under any of their names), what, where and when.

    ``speaker`` matches a name or alias ignoring case, accents and punctuation
    (``clippings.speaker_names``); ``q`` is a full-text search ranked by the database's own
    engine (``clippings.search``). Dates are when the words were said or, where the clipping
    does not say, when it printed them.
    """

    speaker = django_filters.CharFilter(
        method="filter_speaker",
        label="Speaker (any name or spelling)",
        max_length=200,
        widget=SearchInput,
    )
    q = django_filters.CharFilter(
        method="filter_words", label="Words of the quote", max_length=200, widget=SearchInput
    )
    article = SlugChoiceFilter(
        field_name="article",
        label="Clipping",
        queryset=Article.objects.published(),
        empty_label="Any clipping",
        error_messages={"invalid_choice": "No published clipping has this address."},
    )
    source = SlugChoiceFilter(
        field_name="channel_source",
        label="Through outlet or account",
        queryset=Source.objects.public(),
        empty_label="Any outlet",
        error_messages={"invalid_choice": "No published clipping names this source."},
    )
    channel = django_filters.ChoiceFilter(
        field_name="channel",
        label="Channel",
        choices=Quote.Channel.choices,
        empty_label="Any channel",
        error_messages={"invalid_choice": "Choose one of the channels listed."},
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind",
        label="Kind",
        choices=Quote.Kind.choices,
        empty_label="Any kind",
        error_messages={"invalid_choice": "Choose full, partial or reported speech."},
    )
    affiliation = django_filters.ChoiceFilter(
        field_name="speaker__affiliation",
        label="Speaker's affiliation",
        choices=speaker_affiliations,
        empty_label="Any affiliation",
        error_messages={"invalid_choice": "No quoted speaker has this affiliation."},
    )
    said_after = iso_date_filter("Said on or after", "gte", field_name="date")
    said_before = iso_date_filter("Said on or before", "lte", field_name="date")

    class Meta:
        model = Quote
        fields = []
        form = DateRangeForm

    def filter_speaker(self, queryset, name, value):
        self.speaker_ids = matching_speaker_ids(value)
        return queryset.said_by(self.speaker_ids)

    def filter_words(self, queryset, name, value):
        return queryset.search(value)

    @property
    def speaker_unmatched(self):
        """The speaker name searched for when it designates nobody in the archive."""
        value = self.form.cleaned_data.get("speaker") if self.is_valid() else ""
        return value if value and not getattr(self, "speaker_ids", True) else ""


class SpeakerFilter(django_filters.FilterSet):
    """The speakers list: by affiliation and by kind (person or body)."""

    affiliation = django_filters.ChoiceFilter(
        field_name="affiliation",
        label="Affiliation",
        choices=speaker_affiliations,
        empty_label="Any affiliation",
        error_messages={"invalid_choice": "No quoted speaker has this affiliation."},
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind",
        label="Kind",
        choices=Speaker.Kind.choices,
        empty_label="People and bodies",
        error_messages={"invalid_choice": "Choose a person or a body."},
    )

    class Meta:
        model = Speaker
        fields = []
