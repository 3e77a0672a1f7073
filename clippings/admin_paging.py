"""A clipping's paragraphs and quotes on its admin page, a page of rows at a time.

A clipping may quote hundreds of times (the largest generated one, nearly 2,000), and each
row is a form of a dozen fields: all on one page made a page of megabytes that took more than
a minute to serve. The page shows ``per_page`` saved rows of each inline, chosen by the query
string's ``<prefix>-page`` (``?quotes-page=3``), with links to the others. The address keeps the
page when the form is posted, and Django's "Save and continue editing" comes back to it; rows
added on the page are saved whatever the page. Only the rows shown are posted and saved.
"""

from django.core.paginator import Paginator
from django.http import QueryDict


class PagedFormSet:
    """Formset mixin: its saved rows a page at a time, ``per_page`` (None: all of them).

    ``query`` is the request's query string (``request.GET``), set by the admin on the
    formset's class, as ``per_page`` is.
    """

    per_page = None
    query = None
    page = None

    @property
    def page_parameter(self):
        return f"{self.prefix}-page"

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            rows = super().get_queryset()
            if self.per_page:
                number = (self.query or {}).get(self.page_parameter, 1)
                self.page = Paginator(rows, self.per_page).get_page(number)
                # The same statement for a page of rows whatever their number (the paginator
                # would stop the last page at the last row).
                start = (self.page.number - 1) * self.per_page
                self._queryset = rows[start : start + self.per_page]
        return self._queryset

    def page_links(self):
        """(number or "…", its address or None for the page shown) for each page to offer;
        nothing when all the rows fit on one page."""
        self.get_queryset()
        if self.page is None or self.page.paginator.num_pages < 2:
            return []
        links = []
        for number in self.page.paginator.get_elided_page_range(self.page.number):
            if number == self.page.number or number == self.page.paginator.ELLIPSIS:
                links.append((number, None))
                continue
            query = (self.query or QueryDict()).copy()
            query[self.page_parameter] = number
            links.append((number, "?" + query.urlencode()))
        return links
