from django.http import Http404
from django.views import View


class SourceDetailView(View):
    def get(self, request, slug):
        raise Http404("Not built yet.")


class TagDetailView(SourceDetailView):
    pass


class SpeakerDetailView(SourceDetailView):
    pass
