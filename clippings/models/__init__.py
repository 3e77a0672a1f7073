from .articles import Article, Credit, Paragraph, Update
from .quotes import Quote
from .sources import Source, Tag
from .speakers import Speaker, SpeakerAlias

__all__ = [
    "Article",
    "Credit",
    "Paragraph",
    "Quote",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "Tag",
    "Update",
]
