"""Dates as pages print them."""

import datetime

from clippings.capture import dates

SUNDAY = datetime.date(2016, 4, 3)


def test_numeric_date_reads_day_first_by_default_and_keeps_both_readings():
    printed = dates.read_date("Update 03/04/2016")
    assert printed.date == datetime.date(2016, 4, 3)
    assert printed.readings == [datetime.date(2016, 4, 3), datetime.date(2016, 3, 4)]
    assert "reads both ways" in printed.warning


def test_numeric_date_reads_month_first_on_american_pages():
    printed = dates.read_date("Update 03/04/2016", month_first=True)
    assert printed.date == datetime.date(2016, 3, 4)
    assert "month-first" in printed.warning


def test_printed_weekday_settles_a_date_that_reads_both_ways():
    printed = dates.read_date("Update Friday 03/04/2016")
    assert printed.date == datetime.date(2016, 3, 4)
    assert "weekday" in printed.warning


def test_date_that_reads_one_way_only_gives_no_warning():
    printed = dates.read_date("Update 25/12/2016")
    assert printed.date == datetime.date(2016, 12, 25)
    assert printed.readings == [printed.date]
    assert not printed.warning


def test_page_is_american_by_its_language_or_a_month_first_only_date():
    assert dates.is_american(lang="en-US")
    assert not dates.is_american(lang="en-GB", text="12/25/2016")
    assert dates.is_american(text="Posted 12/25/2016. Update 03/04/2016")
    assert not dates.is_american(text="Posted 25/12/2016. Update 03/04/2016")
    assert not dates.is_american(text="Update 03/04/2016")


def test_weekday_and_yesterday_resolve_against_the_version_date_marked_inferred():
    wednesday = dates.read_date("on Wednesday", reference=SUNDAY)
    assert wednesday.date == datetime.date(2016, 3, 30)
    assert wednesday.inferred
    assert dates.read_date("Sunday", reference=SUNDAY).date == SUNDAY
    yesterday = dates.read_date("yesterday", reference=SUNDAY)
    assert (yesterday.date, yesterday.inferred) == (datetime.date(2016, 4, 2), True)


def test_month_names_read_one_way():
    assert dates.read_date("Updated April 3, 2016").date == SUNDAY
    assert dates.read_date("Updated 3 April 2016").date == SUNDAY
    assert dates.read_date("Updated 3rd of April", reference=SUNDAY).date == SUNDAY
