from .articles import Article, Credit, Paragraph, Update
from .quotes import Quote
from .search import QuoteSearchEntry
from .sources import Source, Tag
from .speakers import Speaker, SpeakerAlias

__all__ = [
    "Article",
    "Credit",
    "Paragraph",
    "Quote",
    "QuoteSearchEntry",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "Tag",
    "Update",
]
