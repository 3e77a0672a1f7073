from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from .feeds import LatestChangesFeed
from .sitemaps import sitemaps
from .views import articles, browse, changes, citations, evolution, feeds, quotes, suggest
from .views.caching import public_page
from .views.renamed import follows_renamed_articles
from .views.sitemaps import sitemap_index


class PrimaryKeyConverter:
    """A record's primary key in an address: at most 18 digits, so that it fits the
    databases' 64-bit integers. A longer number names no record, and finds no page (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(PrimaryKeyConverter, "pk")

app_name = "clippings"

urlpatterns = [
    path("", articles.ArticleListView.as_view(), name="article-list"),
    path(
        "articles/<slug:slug>/",
        follows_renamed_articles(articles.ArticleDetailView.as_view()),
        name="article-detail",
    ),
    path(
        "articles/<slug:slug>/evolution/",
        follows_renamed_articles(evolution.ArticleEvolutionView.as_view()),
        name="article-evolution",
    ),
    path(
        "articles/<slug:slug>/versions/<slug:version>/",
        follows_renamed_articles(evolution.ArticleVersionView.as_view()),
        name="article-version",
    ),
    path(
        "articles/<slug:slug>/cite/<slug:version>.bib",
        follows_renamed_articles(citations.bibtex),
        name="article-citation-bibtex",
    ),
    path(
        "articles/<slug:slug>/cite/<slug:version>.json",
        follows_renamed_articles(citations.csl_json),
        name="article-citation-csl-json",
    ),
    path("sources/<slug:slug>/", browse.SourceDetailView.as_view(), name="source-detail"),
    path("tags/<slug:slug>/", browse.TagDetailView.as_view(), name="tag-detail"),
    path("quotes/", quotes.QuoteListView.as_view(), name="quote-search"),
    path("quotes/<pk:pk>/", quotes.QuoteDetailView.as_view(), name="quote-detail"),
    path("quotes/<pk:pk>/cite.bib", citations.quote_bibtex, name="quote-citation-bibtex"),
    path("quotes/<pk:pk>/cite.json", citations.quote_csl_json, name="quote-citation-csl-json"),
    path("speakers/", quotes.SpeakerListView.as_view(), name="speaker-list"),
    path("speakers/<slug:slug>/", browse.SpeakerDetailView.as_view(), name="speaker-detail"),
    path("suggest/<slug:kind>/", suggest.suggest, name="suggest"),
    path("changes/", changes.RecentChangesView.as_view(), name="recent-changes"),
    path("feeds/", LatestChangesFeed(), name="feed"),
    path("feeds/about/", feeds.FeedAboutView.as_view(), name="feed-about"),
    path("sitemap.xml", sitemap_index, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": sitemaps, "template_name": "clippings/sitemap.xml"},
        name="sitemap-section",
    ),
]

# Every page here is public: each is answered with 304 Not Modified, or from the page cache, for
# as long as the archive has not changed since it was rendered (views/caching.py).
for pattern in urlpatterns:
    pattern.callback = public_page(pattern.callback)
