"""Behaviour the public list views share."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.utils.http import MAX_URL_REDIRECT_LENGTH

from clippings.changes import for_this_generation
from clippings.models.base import in_key_order


class AddressesCarryOnlySetFilters:
    """A filter form sends each of its fields, set or not; such an address is redirected to
    the same list at an address that carries only the fields set (``?q=putin``, not
    ``?q=putin&tag=&source=...``), so that what a reader copies and shares is as short as
    what it asks for."""

    def dispatch(self, request, *args, **kwargs):
        given = [(name, value) for name, values in request.GET.lists() for value in values]
        kept = [(name, value) for name, value in given if name and value.strip()]
        if len(kept) < len(given):
            target = f"{request.path}?{urlencode(kept)}" if kept else request.path
            # Longer than a redirect may be, the address is answered as it is: its form says
            # what is wrong with a value that long.
            if len(target) <= MAX_URL_REDIRECT_LENGTH:
                return redirect(target)
        return super().dispatch(request, *args, **kwargs)


class InvalidFiltersAre400:
    """FilterView shows invalid filters as an empty list with status 200; here they are a 400
    that shows the form with its errors. A page number past the end, or not a number, is 404."""

    def filters_are_invalid(self):
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_paginate_by(self, queryset):
        return None if self.filters_are_invalid() else self.paginate_by

    def render_to_response(self, context, **response_kwargs):
        if self.filters_are_invalid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class PageFoundByKeys:
    """Finds a page by sorting the rows' primary keys only, then reads the page's rows whole,
    with what each shows beyond its sort key (a count, its relations), in ``page_rows()``.

    Sorting narrow rows to skip to page 300 of a busy list costs far less than sorting whole
    ones, and a count worked out per row is worked out for the rows shown only.
    """

    def paginate_queryset(self, queryset, page_size):
        keys = self.sorted_keys(queryset)
        paginator, page, keys, is_paginated = super().paginate_queryset(keys, page_size)
        # The page's keys read first, as a list: given the subquery instead, PostgreSQL's
        # planner joins every row of the table before it keeps the page's (2 s at a million
        # quotes, against milliseconds by key).
        keys = list(keys)
        page.object_list = in_key_order(self.page_rows(keys), keys)
        return paginator, page, page.object_list, is_paginated

    def sorted_keys(self, queryset):
        """The primary keys of every row of the list, in its order: a queryset of them, or a
        list."""
        return queryset.values_list("pk", flat=True)

    def page_rows(self, keys):
        """The rows whose primary keys are in ``keys`` (a list), in any order: the page puts
        them in the order of their keys."""
        raise NotImplementedError


class WholeListCountedOnceAGeneration:
    """A list's count, when no filter narrows it, worked out once a generation of the archive
    (``for_this_generation()``): counting every published quote takes SQLite a quarter of a
    second at a million, and the list unfiltered is the one most readers open."""

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if not self.filterset.narrows:
            name = f"whole-list-count.{type(self).__qualname__}"
            paginator.count = for_this_generation(name, lambda: paginator.count)
        return paginator
