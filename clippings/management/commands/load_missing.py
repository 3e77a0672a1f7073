from django.core.management.commands import loaddata
from django.db.models.signals import post_save


class Command(loaddata.Command):
    help = (
        "Load fixtures like loaddata, but add only the records the database does not have yet. "
        "Records found by their natural key are left exactly as editors left them. Each record "
        "added starts its history, as if an editor had created it."
    )

    def save_obj(self, obj):
        instance = obj.object
        model = type(instance)
        if instance.pk is not None and model._base_manager.filter(pk=instance.pk).exists():
            return False
        saved = super().save_obj(obj)
        if saved:
            instance.__dict__.pop("skip_history_when_saving", None)
            # loaddata saves "raw", which history does not record; record the creation now
            # that the record and its many-to-many relations are saved.
            post_save.send(
                sender=model, instance=instance, created=True, raw=False, using=self.using
            )
        return saved
