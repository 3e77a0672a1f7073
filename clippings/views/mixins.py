"""Behaviour the public list views share."""


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
