"""A generated archive of any size, for measuring: ``manage.py generate_archive``.

Clippings as the archive keeps them: an original post and its updates, paragraphs that later
updates rewrite (``Paragraph.replaces``) or remove, quotes printed verbatim in their
paragraphs, speakers with aliases and a few speakers quoted far more than the rest, channels,
sources credited, tags. The same sizes and seed give the same rows, primary keys included.

Rows are written with ``bulk_create()`` a chunk of clippings at a time, so no history is
recorded for them (django-simple-history records ``save()`` and ``delete()`` only). The search
indexes (quotes', clippings' text) are dropped while rows are written and rebuilt from them at
the end (``clippings.search_sql``), which is much faster than their triggers firing row by row. The
words of the speakers' names that the quote search matches are written in bulk likewise
(``clippings.speaker_names``), and each chunk's quotes are dated in one statement
(``clippings.quote_dates``).
``check_archive`` finds no problem in the result.
"""

import datetime
import random
import string
from dataclasses import dataclass, field
from itertools import accumulate

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify
from tqdm import tqdm

from clippings.models import (
    Article,
    Credit,
    Paragraph,
    Quote,
    Source,
    Speaker,
    SpeakerAlias,
    Tag,
    Update,
)
from clippings.quote_dates import refresh_quote_dates
from clippings.search import rebuild_search_index
from clippings.search_sql import INDEXES
from clippings.speaker_names import rebuild_speaker_name_words


def words(text):
    return text.split()


#: Clippings written per transaction.
CHUNK_CLIPPINGS = 100
FIRST_DAY = datetime.date(2012, 1, 1)
DAYS = 12 * 365
CLIPPED_AT = datetime.time(9, 30, tzinfo=datetime.UTC)

COMMON_WORDS = words(
    "the of and to in a that for on with as was is said by at from it has have be were will not "
    "an this are been its after their which they but who had more would about than also forces "
    "government ministry army border talks ceasefire president minister officials attack troops "
    "village region conflict peace security military people country state statement killed "
    "wounded shelling reports agency news spokesman defense foreign international week day "
    "night morning sunday monday capital city line contact clashes sides parties negotiations "
    "mediators group council election vote parliament opposition protest police arrested court "
    "law rights crisis aid refugees civilians water power economy prices oil gas pipeline "
    "sanctions trade deal summit meeting visit leaders"
)
SYLLABLES = words(
    "ka ra to mi an el os ur ba de li no va ze ti ro sa pe gu ha ma ne ri lo ya ar en is ov ek "
    "ad ul ir az im"
)
FIRST_NAMES = words(
    "Anna Boris Carla David Elena Farid Gohar Hasan Irina Jamal Karen Leyla Mikhail Nina Oleg "
    "Paula Qadir Rustam Sofia Tigran Ulla Viktor Yana Zaur Armen Ilham Sergei Maria Ahmed Ruben "
    "Lilit Elmar Natalia Aram Samir Olga Ivan Zara Kamal Hamid"
)
LAST_NAMES = words(
    "Aliyev Sargsyan Ivanova Petrov Hasanov Mammadov Grigoryan Kuznetsov Novak Keller Rahimov "
    "Avetisyan Smirnov Orlova Huseynov Karapetyan Lavrov Guliyev Babayan Sokolov Ismayilov "
    "Harutyunyan Volkov Nazarova Demir Yilmaz Kaya Arslan Weber Schmidt"
)
BODIES = (
    "Ministry of Defense",
    "Foreign Ministry",
    "Interior Ministry",
    "Office of the President",
    "General Staff",
    "National Security Service",
    "Human Rights Ombudsman",
    "Red Cross delegation",
    "Parliament",
    "Election Commission",
)
COUNTRIES = words(
    "Armenia Azerbaijan Russia Turkey Georgia Iran France Germany Ukraine Kazakhstan Belarus "
    "Moldova Greece Cyprus Serbia"
)
SOURCE_KINDS = [kind for kind, _ in Source.Kind.choices]
CHANNELS = [channel for channel, _ in Quote.Channel.choices]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Sizes:
    """How many of each record to generate."""

    clippings: int = 10_000
    updates: int = 15_000
    paragraphs: int = 250_000
    quotes: int = 1_000_000
    speakers: int = 20_000
    aliases: int = 38_000
    sources: int = 1_000
    tags: int = 2_000
    drafts: float = 0.02

    def problems(self):
        """What makes these sizes impossible, as sentences (empty when they are fine)."""
        problems = []
        if self.clippings < 1:
            problems.append("Generate at least one clipping.")
        if self.paragraphs < 2 * self.clippings + self.updates:
            problems.append(
                "Each clipping needs two paragraphs and each update one: "
                f"at least {2 * self.clippings + self.updates} paragraphs."
            )
        for name in ("speakers", "sources", "tags"):
            if getattr(self, name) < 1:
                problems.append(f"Generate at least one of the {name}.")
        if self.quotes < self.speakers:
            problems.append("Every speaker is quoted: generate at least as many quotes.")
        if self.tags > self.clippings or self.sources > self.clippings:
            problems.append("Every source and tag is used: too many for so few clippings.")
        return problems


def split(total, parts, rng, minimum=0, sigma=0.8):
    """``parts`` whole numbers, each at least ``minimum``, summing to ``total``; uneven, as
    clippings are (a log-normal share each)."""
    spare = total - minimum * parts
    weights = [rng.lognormvariate(0, sigma) for _ in range(parts)]
    scale = spare / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(parts), spare - sum(counts)):
        counts[i] += 1
    return [minimum + count for count in counts]


def each_once_then(items, total, rng, cum_weights):
    """``total`` picks of ``items``: each item once, the rest by ``cum_weights``, shuffled."""
    picks = list(items) + rng.choices(items, cum_weights=cum_weights, k=total - len(items))
    rng.shuffle(picks)
    return picks


def zipf_weights(count, exponent=1.0):
    return list(accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


@dataclass
class Vocabulary:
    rng: random.Random
    words: list = field(default_factory=list)
    cum_weights: list = field(default_factory=list)

    def __post_init__(self):
        made = {
            "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4))) for _ in range(30_000)
        }
        self.words = COMMON_WORDS + sorted(made - set(COMMON_WORDS))
        self.cum_weights = zipf_weights(len(self.words), 1.05)

    def words_of(self, count):
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def sentence(self):
        words = self.words_of(self.rng.randint(7, 18))
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences):
        return [self.sentence() for _ in range(sentences)]

    def headline(self):
        return " ".join(self.words_of(self.rng.randint(5, 10))).capitalize()


class ArchiveGenerator:
    """Writes an archive of ``sizes`` from ``seed`` into the default database."""

    def __init__(self, sizes, seed=0, progress=True):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.text = Vocabulary(random.Random(seed + 1))
        self.progress = progress

    def run(self):
        with connection.cursor() as cursor:
            for index in INDEXES:
                for statement in index.drop.get(connection.vendor, []):
                    cursor.execute(statement)
        try:
            with transaction.atomic():
                self.speakers = self._speakers()
                self.sources = self._sources()
                self.tags = self._tags()
            self._clippings()
            if connection.vendor == "postgresql":
                # Foreign-key checks still deferred in an enclosing transaction would make
                # PostgreSQL refuse to create the search index: run them now.
                connection.check_constraints()
        finally:
            rebuild_search_index()
        self._reset_sequences()

    def _reset_sequences(self):
        """Primary keys were given explicitly: the next row an editor adds takes the next one
        (PostgreSQL's sequences do not follow by themselves; SQLite needs nothing)."""
        models = [Speaker, SpeakerAlias, Source, Tag, Article, Credit, Update, Paragraph, Quote]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    # Speakers, sources, tags ---------------------------------------------------------------

    def _speakers(self):
        """One body per country and kind of body at most (the first, most quoted ids), then
        people, each under a name of their own (an initial tells namesakes apart)."""
        rng, sizes = self.rng, self.sizes
        bodies = [(country, f"{country} {body}") for country in COUNTRIES for body in BODIES]
        bodies = rng.sample(bodies, min(len(bodies), sizes.speakers // 20))
        people = [
            f"{first} {initial}. {last}"
            for first in FIRST_NAMES
            for initial in string.ascii_uppercase
            for last in LAST_NAMES
        ]
        rng.shuffle(people)
        speakers = []
        for pk in range(1, sizes.speakers + 1):
            if pk <= len(bodies):
                (country, name), kind, role = bodies[pk - 1], "body", ""
            else:
                number = pk - len(bodies) - 1
                name = people[number % len(people)]
                if number >= len(people):
                    name = f"{name} {number // len(people) + 1}"
                country, kind = rng.choice(COUNTRIES), "person"
                role = rng.choice(("spokesman", "minister", "analyst", "commander"))
            speakers.append(
                Speaker(
                    pk=pk,
                    name=name,
                    slug=slugify(name),
                    kind=kind,
                    role=role,
                    affiliation=country,
                )
            )
        Speaker.objects.bulk_create(speakers, batch_size=2000)
        aliases = set()
        for number, owner in enumerate(rng.choices(range(sizes.speakers), k=sizes.aliases)):
            name, country = speakers[owner].name, speakers[owner].affiliation
            forms = (name.upper(), f"the {name}", name.split()[-1], f"{country}'s {name}")
            form = next((f for f in forms if (owner, f) not in aliases), f"{name} ({number})")
            aliases.add((owner, form))
        SpeakerAlias.objects.bulk_create(
            [
                SpeakerAlias(pk=pk, speaker=speakers[owner], name=form)
                for pk, (owner, form) in enumerate(sorted(aliases), 1)
            ],
            batch_size=2000,
        )
        rebuild_speaker_name_words()  # what saving each speaker and alias would have written
        return speakers

    def _sources(self):
        rng = self.rng
        sources = []
        for pk in range(1, self.sizes.sources + 1):
            outlet = rng.choice(("News", "Times", "Agency", "TV", "Post"))
            name = f"{self.text.headline().split()[-1].title()} {outlet}"
            sources.append(
                Source(
                    pk=pk,
                    name=name,
                    slug=f"{slugify(name)}-{pk}",
                    kind=rng.choice(SOURCE_KINDS),
                    url=f"https://source-{pk}.example/",
                )
            )
        Source.objects.bulk_create(sources, batch_size=2000)
        return sources

    def _tags(self):
        tags = [
            Tag(pk=pk, name=f"{word} {pk}", slug=f"{slugify(word)}-{pk}")
            for pk, word in enumerate(self.text.words_of(self.sizes.tags), 1)
        ]
        Tag.objects.bulk_create(tags, batch_size=2000)
        return tags

    # Clippings -----------------------------------------------------------------------------

    def _clippings(self):
        rng, sizes = self.rng, self.sizes
        n = sizes.clippings
        self.update_counts = split(sizes.updates, n, rng, sigma=1.0)
        self.paragraph_counts = split(sizes.paragraphs - 2 * n - sizes.updates, n, rng)
        self.quote_counts = split(sizes.quotes, n, rng)
        self.speaker_picks = iter(
            each_once_then(
                range(sizes.speakers), sizes.quotes, rng, zipf_weights(sizes.speakers, 0.8)
            )
        )
        source_picks = each_once_then(
            range(sizes.sources), n, rng, zipf_weights(sizes.sources, 0.8)
        )
        tag_picks = each_once_then(range(sizes.tags), n, rng, zipf_weights(sizes.tags, 0.8))
        self.first_source, self.first_tag = source_picks, tag_picks
        self.next_pk = {"update": 1, "paragraph": 1, "quote": 1, "credit": 1}
        bar = tqdm(total=n, unit="clipping", disable=not self.progress)
        for start in range(0, n, CHUNK_CLIPPINGS):
            self.rows = {name: [] for name in ("article", "update", "paragraph", "quote")}
            self.rows.update(credit=[], tag=[])
            for index in range(start, min(n, start + CHUNK_CLIPPINGS)):
                self._clipping(index)
            with transaction.atomic():
                Article.objects.bulk_create(self.rows["article"], batch_size=500)
                Article.tags.through.objects.bulk_create(self.rows["tag"], batch_size=2000)
                Credit.objects.bulk_create(self.rows["credit"], batch_size=2000)
                Update.objects.bulk_create(self.rows["update"], batch_size=2000)
                Paragraph.objects.bulk_create(self.rows["paragraph"], batch_size=1000)
                Quote.objects.bulk_create(self.rows["quote"], batch_size=1000)
                refresh_quote_dates(Quote.objects.filter(article__in=self.rows["article"]))
            bar.update(len(self.rows["article"]))
        bar.close()

    def _pk(self, name):
        pk = self.next_pk[name]
        self.next_pk[name] = pk + 1
        return pk

    def _clipping(self, index):
        rng, text = self.rng, self.text
        pk = index + 1
        headline = text.headline()
        published_on = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        article = Article(
            pk=pk,
            headline=headline,
            slug=f"{slugify(headline)[:80].strip('-')}-{pk}",
            status="draft" if rng.random() < self.sizes.drafts else "published",
            published_on=published_on,
            filed_under_as_printed="",
            original_url=f"https://news.example/{pk}",
            comment_count=rng.randrange(300),
            clipped_at=datetime.datetime.combine(
                published_on + datetime.timedelta(days=rng.randrange(1, 30)), CLIPPED_AT
            ),
        )
        self.rows["article"].append(article)
        self._credits_and_tags(article, index)
        updates = self._updates(article, self.update_counts[index])
        text_paragraphs = self._paragraphs(article, updates, self.paragraph_counts[index])
        self._quotes(article, text_paragraphs, self.quote_counts[index])

    def _credits_and_tags(self, article, index):
        rng = self.rng
        sources = {self.first_source[index]} | set(
            rng.sample(range(self.sizes.sources), min(rng.randrange(3), self.sizes.sources))
        )
        for position, source in enumerate(sorted(sources)):
            printed = self.sources[source].name
            self.rows["credit"].append(
                Credit(
                    pk=self._pk("credit"),
                    article=article,
                    source_id=source + 1,
                    name_as_printed=printed.upper() if rng.random() < 0.2 else "",
                    position=position,
                )
            )
        tags = {self.first_tag[index]} | set(
            rng.sample(range(self.sizes.tags), min(rng.randrange(4), self.sizes.tags))
        )
        article.filed_under_as_printed = ", ".join(self.tags[tag].name for tag in sorted(tags))
        through = Article.tags.through
        self.rows["tag"].extend(through(article_id=article.pk, tag_id=tag + 1) for tag in tags)

    def _updates(self, article, count):
        rng = self.rng
        updates, day = [], article.published_on
        for number in range(1, count + 1):
            day += datetime.timedelta(days=rng.randrange(3))
            update = Update(
                pk=self._pk("update"),
                article=article,
                anchor=f"update-{number}",
                label=f"Update {WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}",
                published_on=day,
                headline=self.text.headline() if rng.random() < 0.3 else "",
            )
            updates.append(update)
        self.rows["update"].extend(updates)
        return updates

    def _paragraphs(self, article, updates, extra):
        """The original post's paragraphs, then each update's: some new, some rewriting an
        earlier paragraph, some removing one. Returns the paragraphs quotes may point at."""
        rng, text = self.rng, self.text
        # Two paragraphs of the original post and one per update at least, the rest spread.
        per_version = [2] + [1] * len(updates)
        for version in rng.choices(range(len(per_version)), k=extra):
            per_version[version] += 1
        current, quotable, number = [], [], 0
        for version, count in enumerate(per_version):
            update = updates[version - 1] if version else None
            earlier, current = current, []  # only what earlier versions printed is rewritten
            for _ in range(count):
                number += 1
                paragraph = Paragraph(
                    pk=self._pk("paragraph"), article=article, update=update, anchor=f"p{number}"
                )
                roll = rng.random()
                if update and earlier and roll < 0.3:
                    replaced = earlier.pop(rng.randrange(len(earlier)))
                    paragraph.replaces = replaced
                    if roll < 0.06:
                        paragraph.text = ""  # the update removed it
                    else:
                        sentences = list(replaced.sentences)
                        sentences[rng.randrange(len(sentences))] = text.sentence()
                        paragraph.sentences = sentences
                elif roll > 0.97 and number > 1:
                    paragraph.kind = Paragraph.Kind.RELATED_LINK
                    paragraph.text = f"Read: {text.headline()}"
                    paragraph.url = f"https://news.example/related/{paragraph.pk}"
                else:
                    paragraph.sentences = text.paragraph(rng.randint(3, 7))
                if hasattr(paragraph, "sentences"):
                    paragraph.text = " ".join(paragraph.sentences)
                    current.append(paragraph)
                    quotable.append(paragraph)
                self.rows["paragraph"].append(paragraph)
            current = earlier + current
        return quotable

    def _quotes(self, article, paragraphs, count):
        rng = self.rng
        for number in range(1, count + 1):
            paragraph = rng.choice(paragraphs)
            sentence = rng.choice(paragraph.sentences)
            kind = rng.choices(("full", "partial", "reported"), weights=(6, 3, 1))[0]
            words = sentence
            if kind == "partial":
                tokens = sentence.split()
                start = rng.randrange(max(1, len(tokens) - 3))
                words = " ".join(tokens[start : start + rng.randint(3, 6)])
            speaker = next(self.speaker_picks)
            printed_on = paragraph.update.published_on if paragraph.update else article.published_on
            quote = Quote(
                pk=self._pk("quote"),
                article=article,
                paragraph=paragraph,
                anchor=f"q{number}",
                words=words,
                kind=kind,
                speaker_id=speaker + 1,
                speaker_as_printed=self.speakers[speaker].name if rng.random() < 0.5 else "",
                channel=rng.choice(CHANNELS),
            )
            if rng.random() < 0.1:
                other = rng.randrange(len(self.speakers))
                if other != speaker:
                    quote.intermediary_id = other + 1
            if rng.random() < 0.3:
                quote.channel_source_id = rng.randrange(self.sizes.sources) + 1
                quote.channel_as_printed = "was quoted as saying by the agency"
            if rng.random() < 0.4:
                quote.said_on = printed_on - datetime.timedelta(days=rng.randrange(3))
                quote.said_on_as_printed = f"on {WEEKDAYS[quote.said_on.weekday()]}"
                quote.said_on_is_inferred = rng.random() < 0.2
            self.rows["quote"].append(quote)


def generate_archive(sizes, seed=0, progress=True):
    """Write an archive of ``sizes`` from ``seed``; see the module's docstring."""
    ArchiveGenerator(sizes, seed=seed, progress=progress).run()
