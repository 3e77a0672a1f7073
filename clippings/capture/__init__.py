"""Clipping in one step: a web page, a saved page or pasted text becomes a draft clipping.

``fetch`` gets a page safely (``throttle`` spaces requests to one site), ``warc`` keeps what
was fetched as a WARC file and ``captures`` saves it with its clipping, ``extract`` reads an
HTML page and ``text`` plain text into a ``draft.ClippedStory``, ``quotes`` proposes its
quotations, ``align`` compares a newer version with the clipping's latest, and ``services``
saves what the editor accepts.
"""
