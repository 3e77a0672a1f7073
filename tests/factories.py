import datetime
import hashlib
from urllib.parse import urlsplit

import factory

from clippings.capture.fetch import FetchedPage
from clippings.models import Article, Paragraph, Quote, Source, Speaker, SpeakerAlias, Tag, Update


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")
    kind = Source.Kind.NEWS_AGENCY


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    role = "Spokesperson"
    affiliation = "Ruritania"


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    status = Article.Status.PUBLISHED
    published_on = datetime.date(2016, 4, 2)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    article = factory.SubFactory(ArticleFactory)
    label = "Update"
    published_on = factory.LazyAttribute(lambda o: o.article.published_on)


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paragraph

    article = factory.SubFactory(ArticleFactory)
    text = "The minister said “we will not give up” and left the room."


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    paragraph = factory.SubFactory(ParagraphFactory)
    article = factory.LazyAttribute(lambda o: o.paragraph.article)
    speaker = factory.SubFactory(SpeakerFactory)
    words = "we will not give up"
    kind = Quote.Kind.PARTIAL


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clippings.Credit"

    article = factory.SubFactory(ArticleFactory)
    source = factory.SubFactory(SourceFactory)


def fetched_page(
    url="https://news.example/story", body="<!doctype html><p>The story.</p>", **fields
):
    """A ``FetchedPage`` as ``fetch_page`` returns it for ``url``, without fetching anything."""
    data = body.encode("utf-8")
    values = {
        "url": url,
        "final_url": url,
        "status": 200,
        "reason": "OK",
        "headers": [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("ETag", '"v1"'),
        ],
        "body": data,
        "text": body,
        "content_type": "text/html",
        "charset": "utf-8",
        "fetched_at": datetime.datetime(2016, 4, 2, 9, 30, tzinfo=datetime.UTC),
        "etag": '"v1"',
        "sha256": hashlib.sha256(data).hexdigest(),
        "request_line": f"GET {urlsplit(url).path or '/'} HTTP/1.1",
        "request_headers": [("Host", urlsplit(url).netloc), ("User-Agent", "ClippingArchive/test")],
    }
    return FetchedPage(**values | fields)
