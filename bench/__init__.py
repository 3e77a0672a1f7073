"""``make bench``: the public pages of a generated archive measured under the production server,
each beside a floor (a constant response under the same server, settings and middleware) and the
quote searches beside Datasette serving the same quotes. Figures, not tests: see ``run.py``."""
