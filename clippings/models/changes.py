import secrets
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone


class ArchiveChangeQuerySet(models.QuerySet):
    def current(self):
        """``(token, changed_at)`` of the archive's last change, in one query by primary key;
        ``None`` while no change is recorded (a database just flushed)."""
        return self.filter(pk=ArchiveChange.ROW).values_list("token", "changed_at").first()

    def record(self):
        """Start a new generation: a new token, and a time one second at least after the last,
        so that ``Last-Modified`` (whole seconds) tells every two generations apart."""
        with transaction.atomic(using=self.db):
            change, _ = self.select_for_update().get_or_create(pk=ArchiveChange.ROW)
            now = timezone.now().replace(microsecond=0)
            if change.changed_at is not None and now <= change.changed_at:
                now = change.changed_at + timedelta(seconds=1)
            change.token = secrets.token_hex(8)
            change.changed_at = now
            change.save(update_fields=["token", "changed_at"])
        return change


class ArchiveChange(models.Model):
    """The archive's last change, in one row: what every public page was rendered from.

    Every write to a record public pages show gives it a new random ``token`` once its
    transaction commits (``clippings.changes``). Public pages send the token as their ETag and
    ``changed_at`` as their Last-Modified, and keep cached pages under the token, so a new
    token makes every older page unreachable, in every process and on every server at once.
    """

    ROW = 1

    token = models.CharField(max_length=32, blank=True, help_text="Random; new at each change.")
    changed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it changed, in whole seconds."
    )

    objects = ArchiveChangeQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="archive_change_single_row")
        ]

    def __str__(self):
        return f"Archive changed at {self.changed_at} ({self.token})"
