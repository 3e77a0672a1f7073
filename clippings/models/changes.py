import datetime
import secrets

from django.db import connections, models, transaction
from django.utils import timezone

#: The statement reading the last change's token, by database engine, written once.
_CURRENT_SQL = {}


def _current_sql(connection):
    if connection.vendor not in _CURRENT_SQL:
        quote, meta = connection.ops.quote_name, ArchiveChange._meta
        _CURRENT_SQL[connection.vendor] = (
            f"SELECT {quote(meta.get_field('token').column)} FROM {quote(meta.db_table)} "
            f"WHERE {quote(meta.pk.column)} = %s"
        )
    return _CURRENT_SQL[connection.vendor]


class ArchiveChangeQuerySet(models.QuerySet):
    def current(self):
        """The token of the archive's last change, or ``None`` while none is recorded (a
        database just flushed).

        Every public page reads it first, so it is the cheapest query there is: one column of
        one row by primary key, in SQL written once, not compiled by the ORM each time.
        """
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(_current_sql(connection), [ArchiveChange.ROW])
            row = cursor.fetchone()
        return row[0] if row else None

    def record(self):
        """Start a new change: a new token, whose time is one second at least after the last,
        so that ``Last-Modified`` (whole seconds) tells every two changes apart."""
        with transaction.atomic(using=self.db):
            change, _ = self.select_for_update().get_or_create(pk=ArchiveChange.ROW)
            seconds = int(timezone.now().timestamp())
            if change.token:
                seconds = max(seconds, ArchiveChange.seconds_of(change.token) + 1)
            change.token = f"{seconds}-{secrets.token_hex(6)}"
            change.save(update_fields=["token"])
        return change


class ArchiveChange(models.Model):
    """The archive's last change, in one row: what every public page was rendered from.

    Every write to a record public pages show gives it a new ``token`` once its transaction
    commits (``clippings.changes``): the time of the change in whole seconds since the epoch,
    and random hex digits. Public pages send the token as their ETag and its time as their
    Last-Modified, and keep cached pages under the token, so a new token makes every older page
    unreachable, in every process and on every server at once.
    """

    ROW = 1

    token = models.CharField(
        max_length=40, blank=True, help_text="Seconds since the epoch, a dash, random digits."
    )

    objects = ArchiveChangeQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="archive_change_single_row")
        ]

    def __str__(self):
        return f"Archive changed at {self.changed_at:%Y-%m-%d %H:%M:%S} ({self.token})"

    @property
    def changed_at(self):
        return datetime.datetime.fromtimestamp(self.seconds_of(self.token), tz=datetime.UTC)

    @staticmethod
    def seconds_of(token):
        """The time of the change ``token`` names, in whole seconds since the epoch."""
        return int(token.partition("-")[0])
