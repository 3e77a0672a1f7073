"""Clipping in one step: a web page, a saved page or pasted text becomes a draft clipping.

``fetch`` gets a page safely, ``warc`` keeps what was fetched, ``extract`` reads an HTML page and
``text`` plain text into a ``draft.ClippedStory``, ``quotes`` proposes its quotations, ``align``
compares a newer version with the clipping's latest, and ``services`` saves what the editor
accepts.
"""
