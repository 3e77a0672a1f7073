from django.db import models
from django.utils import timezone

from .articles import Article


class PendingVersion(models.Model):
    """A newer version of a published clipping that ``recheck_clippings`` found on its page,
    waiting for an editor to review it.

    Nothing of it is public: it becomes an update only when an editor records it from the
    clipping's admin page, through the same review as "Clip a newer version" (the quotes of
    its new and rewritten paragraphs proposed, accepted one by one). A clipping has at most one:
    a later change found on the page replaces it. ``story`` holds the story as read, with the
    fetched page (``clippings.capture.stored``), which becomes the update's capture.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="pending_version"
    )
    found_at = models.DateTimeField(default=timezone.now, help_text="When the page was fetched.")
    summary = models.CharField(
        max_length=300, help_text="What changed, e.g. “1 rewritten, 2 new paragraphs”."
    )
    story = models.JSONField(help_text="The version as read from the page, with the page.")
    etag = models.TextField("ETag", blank=True, help_text="As the server sent it.")
    last_modified = models.CharField(max_length=100, blank=True, help_text="As the server sent it.")

    class Meta:
        ordering = ["-found_at", "-pk"]

    def __str__(self):
        return f"{self.article}: {self.summary} (found {self.found_at:%Y-%m-%d %H:%M})"
