"""Recently changed stories: the Atom feed's entries as a page, each new clipping and each
update to a clipped story, newest first, with what it changed."""

from django.views.generic import ListView

from clippings.feeds import Entries, with_changes

#: Changes listed on a page.
CHANGES_PER_PAGE = 20


class RecentChangesView(ListView):
    """The feed's entries a page at a time, in the feed's order, each compared with the
    version before it: a fixed number of queries a page, whatever the archive holds. A page
    number past the end, or not a number, is 404."""

    template_name = "clippings/recent_changes.html"
    paginate_by = CHANGES_PER_PAGE
    context_object_name = "entries"

    def get_queryset(self):
        return Entries()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        with_changes(context["entries"])
        return context
