import datetime
import os

import hypothesis
import pytest
from django.core.management import call_command

from tests import factories
from tests.local_site import news_site, site, tls_site  # noqa: F401  (fixtures for every test)


@pytest.fixture
def karabakh(db):
    """The first clipping, loaded from its fixture as ``make run`` loads it."""
    from clippings.models import Article

    call_command("load_missing", "karabakh-2016", verbosity=0)
    return Article.objects.get(slug="armenia-azerbaijan-karabakh-conflict-escalates")


@pytest.fixture
def clipping(db):
    """A published article with an update, a paragraph in each, a credit, a tag and a quote."""
    article = factories.ArticleFactory(
        headline="Karabakh clashes continue", published_on=datetime.date(2016, 4, 2)
    )
    update = factories.UpdateFactory(
        article=article, label="Update Sunday 03/04/2016", published_on=datetime.date(2016, 4, 3)
    )
    original = factories.ParagraphFactory(
        article=article, text="The defence ministry said the army had “liberated heights”."
    )
    factories.ParagraphFactory(article=article, update=update, text="Fighting stopped on Sunday.")
    ministry = factories.SpeakerFactory(name="Azerbaijani Defence Ministry", slug="azerbaijani-mod")
    factories.SpeakerAliasFactory(speaker=ministry, name="Azeri defense ministry")
    factories.QuoteFactory(paragraph=original, speaker=ministry, words="liberated heights")
    factories.CreditFactory(
        article=article, source=factories.SourceFactory(name="Reuters"), position=1
    )
    article.tags.add(factories.TagFactory(name="nagorno-karabakh"))
    return article


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests see each page as rendered. The archive changes on commit (clippings.changes),
    and most tests never commit, so a page cached early in a test would hide its later edits:
    tests/test_page_cache.py turns the cache on, and commits."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "pages": dummy}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test accounts need no key stretching; real ones keep Django's default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Hypothesis: a modest number of examples per test keeps the suite fast; no deadline, as a
# request's time depends on the database. CI (which sets CI=true) runs the same examples every
# time and keeps no example database; elsewhere failures found are replayed from .hypothesis/.
# Choose another profile with HYPOTHESIS_PROFILE=<name>.
hypothesis.settings.register_profile("clippings", max_examples=60, deadline=None)
hypothesis.settings.register_profile(
    "clippings-ci",
    hypothesis.settings.get_profile("clippings"),
    derandomize=True,
    database=None,
    print_blob=True,
)
hypothesis.settings.register_profile(
    "clippings-thorough", hypothesis.settings.get_profile("clippings"), max_examples=1000
)
hypothesis.settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "clippings-ci" if os.environ.get("CI") else "clippings")
)
