"""The page that explains the Atom feed and offers it: what a reader who follows the
navigation's link sees, rather than raw XML."""

from django.views.generic import TemplateView

from clippings.feeds import ENTRIES, LatestChangesFeed, latest_entries

#: The newest entries the page shows, as a sample of what the feed brings.
SAMPLE_ENTRIES = 5


class FeedAboutView(TemplateView):
    template_name = "clippings/feed_about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            feed=LatestChangesFeed,
            entries_per_page=ENTRIES,
            latest=latest_entries(SAMPLE_ENTRIES),
            **kwargs,
        )
