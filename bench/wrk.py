"""Running ``wrk`` and reading its report."""

import re
import subprocess

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)


def _ms(value, unit):
    return float(value) * UNITS[unit]


def parse(output):
    """``{"rps", "p50_ms", "p99_ms", "requests", "errors"}`` from wrk's ``--latency`` report."""
    figures = {"rps": 0.0, "p50_ms": None, "p99_ms": None, "requests": 0, "errors": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        figures["rps"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        figures["requests"] = int(match.group(1))
    for percentile, value, unit in LATENCY.findall(output):
        figures[f"p{percentile}_ms"] = _ms(value, unit)
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        figures["errors"] += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        figures["errors"] += sum(int(n) for n in match.groups())
    return figures


def measure(url, connections, seconds, timeout):
    """wrk's figures for ``url`` at ``connections`` connections over ``seconds``."""
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    figures = parse(done.stdout)
    if figures["requests"] == 0:
        figures["p50_ms"] = figures["p99_ms"] = None
    return figures
