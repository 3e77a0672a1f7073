import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from clippings.capture.warc import read_response

from .articles import Article, Update


class CaptureQuerySet(models.QuerySet):
    def without_warc(self):
        """The captures' particulars, leaving their WARC files in the database (for lists)."""
        return self.defer("warc")


class Capture(models.Model):
    """A page as the archive fetched it: the evidence a clipping can be checked against.

    The WARC file (``warc``) holds the HTTP exchange as sent and received, with its SHA-256
    digests (``clippings.capture.warc``); the other fields repeat what lists and re-checks need
    without opening it. It is kept in the database, not as a file beside it, so that a backup,
    a fixture and the history carry it with the clipping. A capture is never changed once
    saved. It has a history all the same: deleted with its clipping (or with the update it
    produced), it comes back with it from *Deleted …*.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="captures")
    update = models.ForeignKey(
        Update,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="captures",
        help_text="The update this fetch recorded; empty for the page the clipping was made from.",
    )
    url = models.CharField("address asked", max_length=2000)
    final_url = models.CharField(
        "address that answered", max_length=2000, help_text="After any redirects."
    )
    status = models.PositiveSmallIntegerField("HTTP status")
    fetched_at = models.DateTimeField(help_text="When the server answered.")
    sha256 = models.CharField(
        "SHA-256", max_length=64, help_text="Of the page's bytes, as hexadecimal digits."
    )
    content_type = models.CharField(max_length=255)
    etag = models.TextField("ETag", blank=True, help_text="As the server sent it.")
    last_modified = models.CharField(max_length=100, blank=True, help_text="As the server sent it.")
    size = models.PositiveIntegerField(help_text="The page's size in bytes.")
    warc = models.BinaryField("WARC file", help_text="The exchange, as a gzipped WARC file.")

    objects = CaptureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["fetched_at", "pk"]
        verbose_name = "fetched page"

    def __str__(self):
        return f"{self.final_url} fetched {self.fetched_at:%Y-%m-%d %H:%M} UTC"

    def save(self, *args, **kwargs):
        if not (self._state.adding or kwargs.get("force_insert")):
            raise ValidationError("A fetched page is kept as it was fetched: it cannot be changed.")
        super().save(*args, **kwargs)

    def clean(self):
        if self.has_update_of_another_article:
            raise ValidationError({"update": "The update must be one of the clipping's own."})

    @property
    def has_update_of_another_article(self):
        return bool(self.update_id and self.update.article_id != self.article_id)

    def warc_disagreements(self):
        """How the WARC file disagrees with the particulars kept beside it (the address that
        answered, the status, the page's SHA-256); empty when it holds what they say."""
        try:
            url, status, _headers, body = read_response(bytes(self.warc))
        except Exception as error:  # a damaged file fails in warcio, gzip or zlib, variously
            return [f"its WARC file cannot be read ({error})"]
        found = []
        if url != self.final_url:
            found.append(f"its WARC file is of {url}, not {self.final_url}")
        if status != self.status:
            found.append(f"its WARC file holds status {status}, not {self.status}")
        if hashlib.sha256(body).hexdigest() != self.sha256:
            found.append("the page in its WARC file does not have the SHA-256 kept")
        return found

    @property
    def filename(self):
        """The name a download of the WARC file is saved under."""
        return f"{self.article.slug}-{self.fetched_at:%Y%m%dT%H%M%SZ}.warc.gz"
