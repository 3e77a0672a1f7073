"""The suite runs on the database ``DATABASE_URL`` names, so a PostgreSQL run really is one."""

import os
from urllib.parse import urlsplit

from django.db import connection

VENDOR_BY_SCHEME = {
    "sqlite": "sqlite",
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "pgsql": "postgresql",
}


def test_tests_run_on_the_database_vendor_named_by_database_url(db):
    url = os.environ.get("DATABASE_URL", "")
    scheme = urlsplit(url).scheme if url else "sqlite"
    assert scheme in VENDOR_BY_SCHEME, f"No expected vendor for a {scheme}:// DATABASE_URL."

    assert connection.vendor == VENDOR_BY_SCHEME[scheme]


def test_tests_talk_to_a_live_database_of_that_vendor(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version(), current_database()")
            version, database = cursor.fetchone()
            assert version.startswith("PostgreSQL ")
            assert database.startswith("test_"), "pytest-django should use its own database."
        else:
            cursor.execute("SELECT sqlite_version()")
            (version,) = cursor.fetchone()
            assert version.split(".")[0] == "3"
