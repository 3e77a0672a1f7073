"""The pages a clipping was fetched from, on its admin page, each WARC file to download.

``FetchedPagesAdmin`` adds to the clipping's change page a read-only "Fetched pages" section
listing its captures (when, the address that answered, status, size, SHA-256), and the view
that serves each capture's WARC file at
``admin/clippings/article/<id>/captures/<capture id>.warc.gz``, to whoever may view the
clipping (403 for anyone else). Captures are evidence: nobody edits or deletes them here.
"""

import io

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join

from .capture.warc import WARC_CONTENT_TYPE

FETCHED_PAGES = "fetched_pages"


class FetchedPagesAdmin:
    """For ``ArticleAdmin``: the "Fetched pages" section and the WARC download."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/captures/<int:capture_id>.warc.gz",
                self.admin_site.admin_view(self.capture_download_view),
                name=f"{opts.app_label}_{opts.model_name}_capture",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Fetched pages", {"fields": [FETCHED_PAGES]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), FETCHED_PAGES]

    @admin.display(description="Fetched pages")
    def fetched_pages(self, article):
        captures = article.captures.without_warc()
        if not captures:
            return "None: this clipping was not fetched from a web address."
        return format_html(
            '<table class="fetched-pages"><thead><tr><th scope="col">Fetched</th>'
            '<th scope="col">Address that answered</th><th scope="col">Status</th>'
            '<th scope="col">Size</th><th scope="col">SHA-256</th>'
            '<th scope="col">WARC file</th></tr></thead><tbody>{}</tbody></table>',
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>"
                '<td><a href="{}" download>Download</a></td></tr>',
                (
                    (
                        formats.date_format(capture.fetched_at, "DATETIME_FORMAT"),
                        capture.final_url,
                        capture.status,
                        filesizeformat(capture.size),
                        capture.sha256,
                        self.capture_download_url(capture),
                    )
                    for capture in captures
                ),
            ),
        )

    def capture_download_url(self, capture):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_capture",
            args=[capture.article_id, capture.pk],
        )

    def capture_download_view(self, request, object_id, capture_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such clipping.")
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        capture = get_object_or_404(article.captures, pk=capture_id)
        return FileResponse(
            io.BytesIO(capture.warc),
            as_attachment=True,
            filename=capture.filename,
            content_type=WARC_CONTENT_TYPE,
        )
