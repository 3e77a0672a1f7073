"""The public lists' filters: clippings, quotes and speakers, one FilterSet each."""

import datetime
import re

import django_filters
from django import forms
from django.urls import reverse_lazy
from django.utils.text import slugify
from django_filters.constants import EMPTY_VALUES

from clippings import suggestions
from clippings.changes import for_this_generation
from clippings.models import Article, Quote, Speaker
from clippings.models.articles import ArticleQuerySet
from clippings.speaker_names import aliases_matched, matching_speaker_ids
from clippings.standings import SPEAKER_ORDERS
from clippings.text import FORBIDDEN_CHARACTERS

# Code points HTML forbids in a document: C0 and C1 controls (but tab, line feed and
# carriage return) and the noncharacters. Typed into a filter, they are shown as U+FFFD.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SearchInput(forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        value = super().format_value(value)
        return UNPRINTABLE.sub("\ufffd", value) if value else value


class SuggestingInput(SearchInput):
    """A search field that offers names as the reader types, from ``data-suggest``:
    ``clippings/suggest.js`` makes it a combobox; without the script it is a plain field."""

    def __init__(self, kind, attrs=None):
        suggest = reverse_lazy("clippings:suggest", kwargs={"kind": kind})
        super().__init__({"data-suggest": suggest, **(attrs or {})})


class NamedRecordField(forms.CharField):
    """Chooses records by typing: cleans to the primary keys of the records the text
    designates (``Choosable.designated``: a slug, else a name), or refuses it with the
    ``invalid_choice`` message when it designates none."""

    default_error_messages = {"invalid_choice": "Nothing in the archive goes by this name."}

    def __init__(self, *, choosable, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", SuggestingInput(choosable.kind))
        super().__init__(**kwargs)
        self.choosable = choosable

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        # No name holds a control character: such a value costs no query.
        designated = not FORBIDDEN_CHARACTERS.search(value) and self.choosable.designated(value)
        if not designated:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return designated


class NamedRecordFilter(django_filters.Filter):
    """A filter on records chosen by typing (``NamedRecordField``): by default, ``field_name``
    is one of them; with ``method``, the method gets the records' primary keys."""

    field_class = NamedRecordField

    def __init__(self, *args, choosable, refusal, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(
            *args, choosable=choosable, error_messages={"invalid_choice": refusal}, **kwargs
        )


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


def calling(queryset_method, each=False):
    """A filter's ``method``: hands the value to the queryset's own ``queryset_method`` (with
    ``each``, each of its values, as for the records a ``NamedRecordFilter`` chose)."""

    def filter_queryset(queryset, name, value):
        method = getattr(queryset, queryset_method)
        return method(*value) if each else method(value)

    return filter_queryset


def choice_filter(label, empty_label, refusal, **kwargs):
    """A filter choosing one of a list, offered as ``empty_label`` when unset; any value not on
    the list is refused with ``refusal``."""
    return django_filters.ChoiceFilter(
        label=label,
        empty_label=empty_label,
        error_messages={"invalid_choice": refusal},
        **kwargs,
    )


def iso_date_filter(label, lookup_expr, field_name="published_on"):
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        input_formats=["%Y-%m-%d"],
        widget=ISODateInput,
        error_messages={"invalid": "Enter a date as year-month-day, e.g. 2016-04-02."},
    )


class ArchiveFilterSet(django_filters.FilterSet):
    """What the public lists' filters have in common."""

    #: The filters that put the list in an order and leave out none of it, besides
    #: ``SortFilter``s.
    ORDER_ONLY = ()

    @property
    def narrows(self):
        """Whether a valid filter, not just an order, narrows the list."""
        data = self.form.cleaned_data if self.is_valid() else {}
        return any(
            data.get(name) not in (None, "")
            for name, filter_ in self.filters.items()
            if not isinstance(filter_, SortFilter) and name not in self.ORDER_ONLY
        )


class ArticleFilter(ArchiveFilterSet):
    """The archive index's filters and order.

    Every value is a plain GET parameter, so a filtered list is a link that can be shared.
    The date filters are lookups on ``published_on``; the others call ``ArticleQuerySet``
    methods, which use ``EXISTS`` so that no clipping is listed twice, and the orders are
    ``ArticleQuerySet.SORTS``. An unknown slug or choice and a malformed date make the form
    invalid: the view answers 400.
    """

    HAS_UPDATES = [("yes", "With updates"), ("no", "Without updates")]

    q = django_filters.CharFilter(
        method=calling("matching"),
        label="Words in the headline or text",
        max_length=200,
        widget=SearchInput,
    )
    tag = NamedRecordFilter(
        label="Tag",
        choosable=suggestions.TAGS,
        refusal="No published clipping carries this tag.",
        method=calling("tagged", each=True),
    )
    source = NamedRecordFilter(
        label="Credited source",
        choosable=suggestions.CREDITED_SOURCES,
        refusal="No published clipping credits this source.",
        method=calling("crediting", each=True),
    )
    speaker = NamedRecordFilter(
        label="Speaker quoted",
        choosable=suggestions.SPEAKERS,
        refusal="No published clipping quotes this speaker.",
        method=calling("quoting", each=True),
    )
    published_after = iso_date_filter("Published on or after", "gte")
    published_before = iso_date_filter("Published on or before", "lte")
    has_updates = choice_filter(
        "Updates",
        "With or without",
        "Choose “With updates” or “Without updates”.",
        method="filter_has_updates",
        choices=HAS_UPDATES,
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

    def filter_has_updates(self, queryset, name, value):
        return queryset.with_updates(value == "yes")


def speaker_affiliations():
    """The affiliations of the speakers quoted in published clippings, as choices: read over
    the whole archive, so once a generation of it (``clippings.changes``)."""
    return for_this_generation("speaker-affiliations", _speaker_affiliations)


def _speaker_affiliations():
    return [
        (affiliation, affiliation)
        for affiliation in Speaker.objects.affiliations_quoted_in_published()
    ]


def affiliation_filter(label, field_name):
    return choice_filter(
        label,
        "Any affiliation",
        "No quoted speaker has this affiliation.",
        field_name=field_name,
        choices=speaker_affiliations,
    )


class QuoteFilter(ArchiveFilterSet):
    """The quote search: who said it (under any of their names), what, where and when.

    ``speaker`` is a speaker's slug, or matches a name or alias ignoring case, accents and
    punctuation (``clippings.speaker_names``); ``q`` is a full-text search ranked by the
    database's own engine (``clippings.search``). Dates are when the words were said or,
    where the clipping does not say, when it printed them.
    """

    speaker = django_filters.CharFilter(
        method="filter_speaker",
        label="Speaker (any name or spelling)",
        max_length=200,
        widget=SuggestingInput("speakers"),
    )
    q = django_filters.CharFilter(
        method=calling("search"), label="Words of the quote", max_length=200, widget=SearchInput
    )
    article = NamedRecordFilter(
        field_name="article",
        label="Clipping (headline or address)",
        choosable=suggestions.CLIPPINGS,
        refusal="No published clipping has this headline or address.",
    )
    source = NamedRecordFilter(
        field_name="channel_source",
        label="Through outlet or account",
        choosable=suggestions.SOURCES,
        refusal="No published clipping names this source.",
    )
    tag = NamedRecordFilter(
        label="Clipping's tag",
        choosable=suggestions.TAGS,
        refusal="No published clipping carries this tag.",
        method=calling("in_clippings_tagged", each=True),
    )
    channel = choice_filter(
        "Channel",
        "Any channel",
        "Choose one of the channels listed.",
        field_name="channel",
        choices=Quote.Channel.choices,
    )
    kind = choice_filter(
        "Kind",
        "Any kind",
        "Choose full, partial or reported speech.",
        field_name="kind",
        choices=Quote.Kind.choices,
    )
    affiliation = affiliation_filter("Speaker's affiliation", "speaker__affiliation")
    said_after = iso_date_filter("Said on or after", "gte", "dated_on")
    said_before = iso_date_filter("Said on or before", "lte", "dated_on")

    class Meta:
        model = Quote
        fields = []
        form = DateRangeForm

    #: The longest name a download of the results is given, before its extension.
    FILE_NAME_LENGTH = 100

    def file_name(self):
        """What a download of these results is called: ``quotes`` and what each filter set
        asks for, as typed, e.g. ``quotes-serzh-sarksyan-2016`` (a whole year is its number).
        Call once the filters are valid."""
        data, typed = self.form.cleaned_data, self.form.data
        words = [typed.get(name) for name in ("speaker", "q", "article", "source", "tag")]
        words += [data.get(name) for name in ("channel", "kind", "affiliation")]
        after, before = data.get("said_after"), data.get("said_before")
        if (
            after
            and before
            and (after.month, after.day, before.month, before.day) == (1, 1, 12, 31)
        ):
            words.append(
                str(after.year) if after.year == before.year else f"{after.year}-{before.year}"
            )
        else:
            words += [after and f"from {after}", before and f"until {before}"]
        name = slugify(" ".join(["quotes", *filter(None, words)]))
        if len(name) > self.FILE_NAME_LENGTH:  # cut after a whole word
            name = name[: self.FILE_NAME_LENGTH + 1].rsplit("-", 1)[0]
        return name

    def filter_speaker(self, queryset, name, value):
        """The speaker whose slug ``value`` is (a link from their page means them alone), else
        every speaker the name designates."""
        by_slug = set(suggestions.SPEAKERS.with_slug(value))
        self.speaker_is_a_slug = bool(by_slug)
        self.speaker_ids = by_slug or matching_speaker_ids(value)
        return queryset.said_by(self.speaker_ids)

    @property
    def speaker_aliases_matched(self):
        """``[(alias, speaker)]`` for the speakers the typed name found under an alias only
        (``speaker_names.aliases_matched()``); none for a slug, which names one speaker."""
        value = self.form.cleaned_data.get("speaker") if self.is_valid() else ""
        if not value or getattr(self, "speaker_is_a_slug", True):
            return []
        return aliases_matched(value, self.speaker_ids)

    @property
    def speaker_unmatched(self):
        """The speaker name searched for when it designates nobody in the archive."""
        value = self.form.cleaned_data.get("speaker") if self.is_valid() else ""
        return value if value and not getattr(self, "speaker_ids", True) else ""


class SpeakerFilter(ArchiveFilterSet):
    """The speakers list: by name (any name or alias), affiliation and kind (person or
    body)."""

    name = django_filters.CharFilter(
        method=calling("named"),
        label="Name (any name or spelling)",
        max_length=200,
        widget=SuggestingInput("speakers"),
    )
    affiliation = affiliation_filter("Affiliation", "affiliation")
    kind = choice_filter(
        "Kind",
        "People and bodies",
        "Choose a person or a body.",
        field_name="kind",
        choices=Speaker.Kind.choices,
    )
    order = choice_filter(
        "Order",
        "Name, A to Z",
        "Choose one of the orders listed.",
        method="keep_name_order",
        choices=list(SPEAKER_ORDERS.items()),
    )

    ORDER_ONLY = ("order",)

    class Meta:
        model = Speaker
        fields = []

    def keep_name_order(self, queryset, name, value):
        """The other orders rank speakers over the whole archive: the list view puts its
        speakers in that order (``clippings.standings``), not the database."""
        return queryset

    @property
    def chosen_order(self):
        """The order chosen among ``SPEAKER_ORDERS``, or "" for name order."""
        return self.form.cleaned_data.get("order", "") if self.is_valid() else ""
