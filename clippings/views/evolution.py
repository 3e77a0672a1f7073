from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from clippings.evolution import later_changes, versions_of
from clippings.forms import CompareVersionsForm
from clippings.models import Article
from clippings.timeline import timeline_of


class ArticleVersionsMixin:
    """Loads the published clipping named in the URL and builds its versions."""

    def get_context_data(self, **kwargs):
        article = get_object_or_404(
            Article.objects.published().with_page_content(), slug=self.kwargs["slug"]
        )
        versions = versions_of(article)
        return super().get_context_data(
            article=article, versions=versions, latest=versions[-1], **kwargs
        )


class ArticleEvolutionView(ArticleVersionsMixin, TemplateView):
    """A timeline of the story's versions and what changed between any two of them."""

    template_name = "clippings/article_evolution.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        versions = context["versions"]
        data = request.GET.copy()
        data.setdefault("before", versions[max(len(versions) - 2, 0)].key)
        data.setdefault("after", versions[-1].key)
        form = CompareVersionsForm(data, versions=versions)
        context["form"] = form
        context["timeline"] = timeline = timeline_of(versions)
        if not form.is_valid():
            return self.render_to_response(context, status=400)
        before, after, view = form.chosen()
        context.update(comparison=timeline.comparison(before, after), side_by_side=view == "side")
        return self.render_to_response(context)


class ArticleVersionView(ArticleVersionsMixin, TemplateView):
    """The story as readers saw it from one version's date on."""

    template_name = "clippings/article_version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = {version.key: version for version in context["versions"]}
        if self.kwargs["version"] not in versions:
            raise Http404("This clipping has no such version.")
        context["version"] = versions[self.kwargs["version"]]
        context["later_changes"] = later_changes(context["article"], context["versions"])
        return context
