from django.core.management.base import BaseCommand, CommandError

from clippings.speaker_names import rebuild_speaker_name_words, speakers_with_stale_name_words


class Command(BaseCommand):
    help = (
        "Write again the words of every speaker's name and aliases that the quote search "
        "matches names against, and report whether they are in step; exits with status 1 "
        "when they are still not."
    )

    def handle(self, *args, **options):
        rebuild_speaker_name_words()
        if stale := speakers_with_stale_name_words():
            raise CommandError(f"Rebuilt, but {len(stale)} speaker(s) are still out of step.")
        self.stdout.write("The speakers' name words are in step with their names and aliases.")
