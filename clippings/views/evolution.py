from django.http import Http404
from django.views import View


class ArticleEvolutionView(View):
    def get(self, request, slug):
        raise Http404("Not built yet.")
