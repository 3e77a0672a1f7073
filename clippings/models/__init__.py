from .articles import Article, Credit, Paragraph, Update
from .captures import Capture
from .changes import ArchiveChange
from .pending import PendingVersion
from .quotes import Quote
from .search import QuoteSearchEntry
from .sources import Source, Tag
from .speakers import Speaker, SpeakerAlias, SpeakerNameWord

__all__ = [
    "ArchiveChange",
    "Article",
    "Capture",
    "Credit",
    "Paragraph",
    "PendingVersion",
    "Quote",
    "QuoteSearchEntry",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "SpeakerNameWord",
    "Tag",
    "Update",
]
