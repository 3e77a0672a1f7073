from django.core.management.commands import loaddata


class Command(loaddata.Command):
    help = (
        "Load fixtures like loaddata, but add only the records the database does not have yet. "
        "Records found by their natural key are left exactly as editors left them."
    )

    def save_obj(self, obj):
        instance = obj.object
        if instance.pk is not None and type(instance)._base_manager.filter(pk=instance.pk).exists():
            return False
        return super().save_obj(obj)
