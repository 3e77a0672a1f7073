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
        "req/s · p50 · p99 at 1 and 16 connections; *share of floor* is req/s over the floor's "
        "at the same concurrency; *p99 × floor* the p99 over the floor's; *vs Datasette* req/s "
        "over Datasette's on the equivalent request (same quotes file). Errors: non-2xx/3xx "
        "responses and socket errors (timeouts included) over both runs. SQL and size: one "
        "request in-process.",
        "",
        "| page | size | SQL | 1 conn | 16 conn | errors | share of floor (1 / 16) "
        "| p99 × floor (16) | vs Datasette (1 / 16) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    downloads = []
    for page in pages:
        figures = page["figures"]
        one = figures["in_process"]
        if page["kind"] == "download":
            downloads.append(page)
            continue
        c1, c16 = figures.get("c1"), figures.get("c16")
        errors = (c1 or {}).get("errors", 0) + (c16 or {}).get("errors", 0)
        if one["status"] >= 400:
            errors = f"{errors} (status {one['status']} in-process)"
        share = (
            f"{_ratio(c1['rps'], floor['c1']['rps'])} / {_ratio(c16['rps'], floor['c16']['rps'])}"
        )
        p99 = _ratio(c16["p99_ms"], floor["c16"]["p99_ms"]) if c16["p99_ms"] else "–"
        versus = "n/a (Datasette reads SQLite only)" if page["datasette"] else ""
        if "datasette_c1" in figures:
            versus = (
                f"{_ratio(c1['rps'], figures['datasette_c1']['rps'])}x / "
                f"{_ratio(c16['rps'], figures['datasette_c16']['rps'])}x "
                f"(Datasette {_load(figures['datasette_c16'], seconds)})"
            )
        lines.append(
            f"| {page['name']} `{page['shown']}` | {_size(one['bytes'])}"
            f"{'' if one['complete'] else '+ (streamed)'} | "
            f"{one['queries']} | {_load(c1, seconds)} | {_load(c16, seconds)} | {errors} "
            f"| {share} | {p99} | {versus} |"
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
