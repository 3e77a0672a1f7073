"""Choosing a speaker, source, tag or clipping by typing, not from a list of all of them.

Each ``Choosable`` is one kind of record a public filter chooses: the records it may offer
(always public ones), how a typed value designates some of them (a slug first, else a name)
and the few names suggested while a reader types (``/suggest/<kind>/?q=``). A filter and its
suggestions share the same ``Choosable``, so nothing is suggested that the filter would refuse.
"""

from dataclasses import dataclass

from django.core.validators import slug_re
from django.db import models

from clippings.models import Article, Source, Speaker, SpeakerAlias, Tag
from clippings.speaker_names import speaker_ids_named
from clippings.text import name_words

SUGGESTIONS = 10  # the most names suggested at once
# Where a word begins inside a name: after a space or a hyphen.
WORD_STARTS = (" ", "-")


def starts_a_word(field, text):
    """``Q``: ``field`` has a word that begins with ``text``, ignoring case (on SQLite, of
    ASCII letters only). ``LIKE`` with the wildcards of ``text`` escaped."""
    condition = models.Q(**{f"{field}__istartswith": text})
    for start in WORD_STARTS:
        condition |= models.Q(**{f"{field}__icontains": start + text})
    return condition


@dataclass(frozen=True)
class Choosable:
    """One kind of record that a filter chooses by typing."""

    #: The plural in the suggestion address: ``/suggest/speakers/``.
    kind: str
    #: The model, and the name of its ``QuerySet`` method returning the records on offer.
    model: type[models.Model]
    records_method: str
    #: The field a reader knows the record by.
    name_field: str = "name"

    def records(self):
        return getattr(self.model.objects, self.records_method)()

    def designated(self, value):
        """The primary keys of the records ``value`` designates: the record with that slug
        (so shared links keep their meaning), else those with that name, ignoring case."""
        records = self.records()
        return self.with_slug(value, records) or self.named(records, value)

    def with_slug(self, value, records=None):
        """The primary key of the record on offer whose slug ``value`` is, as a list: empty
        when there is none, or ``value`` is not shaped like a slug (no query then)."""
        if not slug_re.fullmatch(value):
            return []
        records = self.records() if records is None else records
        return list(records.filter(slug=value).values_list("pk", flat=True))

    def named(self, records, value):
        return list(
            records.filter(**{f"{self.name_field}__iexact": value}).values_list("pk", flat=True)
        )

    def suggestions(self, text):
        """At most ``SUGGESTIONS`` records with a word of their name beginning with ``text``,
        as ``{"name", "slug"}``: names that begin with it first, then alphabetically."""
        name = self.name_field
        # The names are matched first, so that only their records are checked for being public.
        matched = self.model.objects.filter(self.matching(text)).values("pk")
        found = (
            self.records()
            .filter(pk__in=matched)
            .annotate(
                begins=models.Case(
                    models.When(**{f"{name}__istartswith": text}, then=0),
                    default=1,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("begins", name, "pk")
            .values_list(name, "slug")[:SUGGESTIONS]
        )
        return [{"name": name, "slug": slug} for name, slug in found]

    def matching(self, text):
        return starts_a_word(self.name_field, text)


class SpeakerChoosable(Choosable):
    """Speakers go by several names: a typed name is matched against every name and alias
    (``clippings.speaker_names``), and a suggestion may come from an alias."""

    def named(self, records, value):
        words = name_words(value)
        if not words:
            return []
        matched = records.filter(pk__in=speaker_ids_named(words))
        # A name picked from the suggestions designates that speaker alone, not every
        # speaker whose names begin with the same words.
        exactly = list(
            matched.filter(
                models.Q(name__iexact=value)
                | models.Exists(
                    SpeakerAlias.objects.filter(speaker=models.OuterRef("pk"), name__iexact=value)
                )
            ).values_list("pk", flat=True)
        )
        return exactly or list(matched.values_list("pk", flat=True))

    def matching(self, text):
        # Every word typed begins a word of one of the speaker's names or aliases, read from
        # the index of their folded words (``clippings.speaker_names``).
        words = name_words(text)
        if not words:
            return models.Q(pk__in=[])
        return models.Q(pk__in=speaker_ids_named(words, as_typed=True))


SPEAKERS = SpeakerChoosable("speakers", Speaker, "quoted_in_published")
CREDITED_SOURCES = Choosable("credited-sources", Source, "credited_in_published")
SOURCES = Choosable("sources", Source, "public")
TAGS = Choosable("tags", Tag, "public")
CLIPPINGS = Choosable("clippings", Article, "published", name_field="headline")

CHOOSABLE = {
    choosable.kind: choosable
    for choosable in (SPEAKERS, CREDITED_SOURCES, SOURCES, TAGS, CLIPPINGS)
}
