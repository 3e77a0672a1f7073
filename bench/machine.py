"""What the figures were measured on."""

import os
import platform
import sqlite3
import subprocess
from pathlib import Path

import django


def _first(path, prefix):
    for line in Path(path).read_text().splitlines():
        if line.startswith(prefix):
            return line.split(":", 1)[1].strip()
    return ""


def describe(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"SQLite {sqlite3.sqlite_version}"
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return {
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram_gb": round(int(_first("/proc/meminfo", "MemTotal").split()[0]) / 1024**2, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "database": database,
        "wrk": (wrk.stdout or wrk.stderr).split("\n")[0].strip(),
    }
