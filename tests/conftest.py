import pytest
from django.core.management import call_command


@pytest.fixture
def karabakh(db):
    """The first clipping, loaded from its fixture as ``make run`` loads it."""
    from clippings.models import Article

    call_command("loaddata", "karabakh-2016", verbosity=0)
    return Article.objects.get(slug="armenia-azerbaijan-karabakh-conflict-escalates")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test accounts need no key stretching; real ones keep Django's default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
