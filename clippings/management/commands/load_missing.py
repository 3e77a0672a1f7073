from itertools import groupby

from django.core.management.commands import loaddata

from clippings.history_recording import is_tracked, record_creation


class Command(loaddata.Command):
    help = (
        "Load fixtures like loaddata, but add only the records the database does not have yet. "
        "Records found by their natural key are left exactly as editors left them. Each record "
        "added starts its history, as if an editor had created it."
    )

    def loaddata(self, fixture_labels):
        self.added = []
        super().loaddata(fixture_labels)
        # loaddata saves raw, which records no history: record each addition now that every
        # record and its many-to-many relations are saved.
        for _model, instances in groupby(self.added, type):
            record_creation(list(instances))

    def save_obj(self, obj):
        instance = obj.object
        model = type(instance)
        if instance.pk is not None and model._base_manager.filter(pk=instance.pk).exists():
            return False
        saved = super().save_obj(obj)
        if saved and is_tracked(model):
            self.added.append(instance)
        return saved
