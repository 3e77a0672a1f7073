"""``make bench`` reads wrk's report and writes its table from the figures it holds;
``bench.page_costs`` splits a page's time between its templates, SQL and the rest."""

import time

from django import forms
from django.db import connection
from django.template import engines

from bench.wrk import parse

WRK_REPORT = """Running 10s test @ http://127.0.0.1:8000/quotes/?q=word
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20s   300.00ms   1.90s    70.00%
    Req/Sec     6.00      2.00    10.00     80.00%
  Latency Distribution
     50%    1.19s
     75%    1.40s
     90%    1.60s
     99%    1.90s
  120 requests in 10.01s, 140.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:     11.99
Transfer/sec:     13.99MB
"""


def test_wrk_report_gives_throughput_percentiles_and_every_kind_of_error():
    assert parse(WRK_REPORT) == {
        "rps": 11.99,
        "p50_ms": 1190.0,
        "p99_ms": 1900.0,
        "requests": 120,
        "errors": 9,
    }


def test_wrk_report_in_microseconds_and_without_errors():
    report = WRK_REPORT.replace("1.19s", "635.00us").replace("1.90s\n  120", "2.50ms\n  120")
    report = "\n".join(line for line in report.splitlines() if "errors" not in line.lower())
    report = "\n".join(line for line in report.splitlines() if "Non-2xx" not in line)
    figures = parse(report)
    assert figures["p50_ms"] == 0.635
    assert figures["p99_ms"] == 2.5
    assert figures["errors"] == 0


def test_page_costs_count_a_template_rendered_inside_another_once():
    """A form's fields are templates rendered inside the page's: their time is part of the
    page's rendering, not added to it again."""
    from bench.page_costs import Clock

    class Form(forms.Form):
        words = forms.CharField()
        speaker = forms.CharField()
        channel = forms.ChoiceField(choices=[(str(n), str(n)) for n in range(50)])

    template = engines["django"].from_string("{% for field in form %}{{ field }}{% endfor %}")
    clock = Clock()
    with clock.timing_templates():
        started = time.perf_counter()
        html = template.render({"form": Form()})  # a template for each field, inside
        elapsed = time.perf_counter() - started
    assert html.count("<select") == 1
    assert 0 < clock.rendering <= elapsed


def test_page_costs_take_the_sql_a_template_runs_out_of_its_rendering(karabakh):
    from bench.page_costs import Clock
    from clippings.models import Quote

    template = engines["django"].from_string("{% for quote in quotes %}{{ quote.pk }}{% endfor %}")
    clock = Clock()
    with clock.timing_templates(), connection.execute_wrapper(clock.time_query):
        html = template.render({"quotes": Quote.objects.all()})  # read while rendering
    assert html
    assert 0 < clock.sql_while_rendering == clock.sql < clock.rendering
