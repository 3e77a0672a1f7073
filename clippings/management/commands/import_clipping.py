from .import_clippings import Command as ImportClippings


class Command(ImportClippings):
    help = "Deprecated: the old name of import_clippings, which it runs. " + ImportClippings.help

    def handle(self, *args, **options):
        self.stderr.write("import_clipping is deprecated: use import_clippings.")
        super().handle(*args, **options)
