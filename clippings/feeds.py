from django.http import Http404


class LatestChangesFeed:
    def __call__(self, request):
        raise Http404("Not built yet.")
