"""The Markdown table of a run's figures (``bench/results/latest.md``, the README)."""

#: Below this many requests done in a run, the table says how many: its percentiles are rough.
FEW = 20


def _size(n):
    if n is None:
        return "?"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} B"


def _ms(value):
    if value is None:
        return "–"
    return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.1f} ms"


def _rps(value):
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def _ratio(a, b):
    if not a or not b:
        return "0" if b else "–"
    ratio = a / b
    return f"{ratio:.3g}"


def _load(figures, seconds):
    if not figures or not figures["requests"]:
        return f"none done in {seconds} s"
    few = f" ({figures['requests']} done)" if figures["requests"] < FEW else ""
    return f"{_rps(figures['rps'])} · {_ms(figures['p50_ms'])} · {_ms(figures['p99_ms'])}{few}"


def _shares(one, sixteen, floor, prefix):
    """req/s at 1 and 16 connections over the floor's on the same server."""
    if not one or not sixteen:
        return "–"
    return (
        f"{_ratio(one['rps'], floor[prefix + 'c1']['rps'])} / "
        f"{_ratio(sixteen['rps'], floor[prefix + 'c16']['rps'])}"
    )


def _versus(page, seconds):
    figures = page["figures"]
    if "datasette_c1" not in figures:
        return "n/a (Datasette reads SQLite only)" if page["datasette"] else ""
    return (
        f"{_ratio(figures['c1']['rps'], figures['datasette_c1']['rps'])}x / "
        f"{_ratio(figures['c16']['rps'], figures['datasette_c16']['rps'])}x "
        f"(Datasette {_load(figures['datasette_c16'], seconds)})"
    )


def markdown(result):
    machine = result["machine"]
    sizes = result["sizes"]
    pages = result["pages"]
    floor = pages[0]["figures"]
    seconds = result["settings"]["seconds"]
    lines = [
        f"Measured {result['date']} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['ram_gb']} GB RAM; Python {machine['python']}, Django {machine['django']}, "
        f"{machine['database']}; gunicorn with {result['settings']['workers']} workers, DEBUG "
        f"off; {machine['wrk']}, {result['settings']['seconds']} s per figure. Archive: "
        f"{sizes['clippings']:,} clippings, {sizes['updates']:,} updates, "
        f"{sizes['paragraphs']:,} paragraphs, {sizes['quotes']:,} quotes, "
        f"{sizes['speakers']:,} speakers (seed {result['seed']})"
        + (
            f", generated in {result['generated_in_s']:.0f} s."
            if result["generated_in_s"] is not None
            else "."
        ),
        "",
        "req/s · p50 · p99 at 1 and 16 connections, *uncached* on a server with no page cache "
        "(what a reader gets who asks for a page nobody asked for since the last edit) and "
        "*cached* on the server as it runs "
        "(the same URL asked again before the next edit); *share of floor* is req/s over the "
        "floor's at the same concurrency on the same server; *p99 × floor* the uncached p99 "
        "over the floor's; *vs Datasette* uncached req/s over Datasette's on the equivalent "
        "request (same quotes file). Errors: non-2xx/3xx responses and socket errors "
        "(timeouts included) over all runs. SQL and size: one request in-process.",
        "",
        "| page | size | SQL | uncached, 1 conn | uncached, 16 conn | cached, 16 conn | errors "
        "| share of floor, uncached (1 / 16) | cached (1 / 16) | p99 × floor (16) "
        "| vs Datasette (1 / 16) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    downloads = []
    for page in pages:
        figures = page["figures"]
        one = figures["in_process"]
        if page["kind"] == "download":
            downloads.append(page)
            continue
        c1, c16 = figures.get("c1"), figures.get("c16")
        cached1, cached16 = figures.get("cached_c1"), figures.get("cached_c16")
        runs = (c1, c16, cached1, cached16)
        errors = sum((run or {}).get("errors", 0) for run in runs)
        if one["status"] >= 400:
            errors = f"{errors} (status {one['status']} in-process)"
        lines.append(
            f"| {page['name']} `{page['shown']}` | {_size(one['bytes'])}"
            f"{'' if one['complete'] else '+ (streamed)'} | {one['queries']} "
            f"| {_load(c1, seconds)} | {_load(c16, seconds)} | {_load(cached16, seconds)} "
            f"| {errors} | {_shares(c1, c16, floor, '')} "
            f"| {_shares(cached1, cached16, floor, 'cached_')} "
            f"| {_ratio(c16['p99_ms'], floor['c16']['p99_ms']) if c16['p99_ms'] else '–'} "
            f"| {_versus(page, seconds)} |"
        )
    if downloads:
        lines += [
            "",
            "Full exports, one download each (gunicorn.conf.py's threaded workers: the worker "
            "timeout does not cut a long download):",
            "",
            "| export | status | bytes received | first byte | total | complete | "
            "worker peak RSS | SQL (first rows) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for page in downloads:
            got = page["figures"]["download"]
            complete = "yes" if got["complete"] else f"**no** ({got.get('error', 'cut off')})"
            first = f"{got['first_byte_s']} s" if got["first_byte_s"] is not None else "–"
            lines.append(
                f"| {page['name']} `{page['shown']}` | {got['status']} | {_size(got['bytes'])} "
                f"| {first} | {got['seconds']} s | {complete} | {got['worker_peak_rss_mb']} MB "
                f"| {page['figures']['in_process']['queries']} |"
            )
    if result["server_restarted_before"]:
        lines += [
            "",
            "The server was restarted (requests of a slower page still queued) before: "
            + "; ".join(result["server_restarted_before"])
            + ".",
        ]
    return "\n".join(lines) + "\n"
