"""Why a source could not be clipped."""


class ClipError(Exception):
    """A source that cannot be clipped, with a message for the editor."""
