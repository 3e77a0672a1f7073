"""gunicorn's settings for the site (README, "Production"): read by `make serve`, by
`make bench`, and by any gunicorn started in this folder or given `--config gunicorn.conf.py`.
Options on the command line (`--workers`, `--bind`) override these.

Threaded workers, because the site streams long downloads. The full quote exports of a large
archive take longer than gunicorn's 30 s worker timeout. A default (sync) worker only tells
the master it is alive between requests, so the master kills it in the middle of a long
download and the reader is left with a file cut short. A threaded worker's main loop tells
the master it is alive every second whatever its threads are doing, so the timeout no longer
limits how long a response may take; it still restarts a worker that hangs as a whole. And
while one thread streams an export, the worker's other threads go on serving pages.
"""

worker_class = "gthread"
# Requests each worker serves at once. Each export in progress holds a batch of rows and a
# chunk of text (a few MB); a worker stays well under 150 MB with all its threads exporting.
threads = 4
# On a restart (SIGHUP, or SIGTERM from a deploy) workers get this long to finish what they
# are sending before they are killed: enough for a full export of a million quotes.
graceful_timeout = 120
