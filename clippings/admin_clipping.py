"""Clipping in the admin: "Clip a story" and "Clip a newer version".

Two steps: the editor gives a source (a web address, a saved page or text file, or pasted
text), the server reads it, and a review page shows what was read: headline, dates (a date
that reads two ways to be confirmed), paragraphs, suggested tags, the source to credit, each
proposed quote to accept, reject or correct. Nothing is saved before the review is submitted.

Between the two steps the story is kept on the server, in the editor's session, under a
token in the review page's address: the page posts only the editor's decisions, never the
story's text, so no paragraph can be altered and accepted words are checked against the
paragraph the server read (and once more by ``Quote.clean()`` when saved). The session
survives a review sent back with errors, and each tab's review has its own token.
"""

import secrets

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .admin_clipping_forms import (
    ClipSourceForm,
    DraftReviewForm,
    QuoteReviewFormSet,
    VersionReviewForm,
    accept_all,
)
from .capture import clip as clipper
from .capture.fetch import FetchError
from .capture.services import (
    clipping_add_version,
    clipping_create_draft,
    keyword_tags,
    proposals_for_version,
    site_source,
    version_alignment,
    version_label_and_date,
)
from .capture.stored import story_from_data, story_to_data
from .models import Article, PendingVersion

SESSION_KEY = "clip_reviews"
#: Reviews kept per session at most (the oldest dropped first): each holds a fetched page.
MAX_REVIEWS = 5
QUOTES_PREFIX = "quotes"


class ClipAdminMixin:
    """For ``ArticleAdmin``: the clipping pages' URLs and the links to them."""

    change_form_template = "admin/clippings/clip/article_change_form.html"
    change_list_template = "admin/clippings/clip/article_change_list.html"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"

        def view(function):
            return self.admin_site.admin_view(
                lambda request, **kwargs: function(self, request, **kwargs)
            )

        return [
            path("clip/", view(clip_start), name=f"{name}_clip"),
            path("clip/<str:token>/", view(clip_review), name=f"{name}_clip_review"),
            path("<path:object_id>/clip/", view(clip_start), name=f"{name}_clip_newer"),
            path("<path:object_id>/clip/pending/", view(clip_pending), name=f"{name}_clip_pending"),
            path(
                "<path:object_id>/clip/<str:token>/",
                view(clip_review),
                name=f"{name}_clip_newer_review",
            ),
            *super().get_urls(),
        ]


def clip_start(model_admin, request, object_id=None):
    """The source form; on a good source, the review page of what was read from it."""
    article = _article_allowed(model_admin, request, object_id)
    posted = request.method == "POST"
    form = ClipSourceForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            story = _read(form)
            if article is not None:
                alignment, _ = version_alignment(article, story)
        except (clipper.ClipError, FetchError, ValidationError) as error:
            form.add_error(None, _message(error))
        else:
            if article is not None and not alignment.has_changes:
                model_admin.message_user(
                    request,
                    "Nothing changed since the latest version: no update was recorded.",
                    messages.INFO,
                )
                return redirect(_change_url(article))
            token = _keep(request, story, article)
            return redirect(_review_url(token, article))
    if not posted and article is not None:
        form.fields["address"].initial = article.original_url
    return _start_page(model_admin, request, article, form)


def _start_page(model_admin, request, article, form, notice=""):
    title = "Clip a newer version" if article else "Clip a story"
    context = {"form": form, "title": title, "notice": notice}
    return _render(model_admin, request, "admin/clippings/clip/start.html", article, context)


def clip_pending(model_admin, request, object_id):
    """The review of the newer version ``recheck_clippings`` found for the clipping."""
    article = _article_allowed(model_admin, request, object_id)
    try:
        pending = article.pending_version
    except PendingVersion.DoesNotExist:
        notice = "No newer version found by the re-check is waiting for review: clip one here."
        return _start_page(model_admin, request, article, ClipSourceForm(), notice=notice)
    token = _keep(request, story_from_data(pending.story), article, pending=pending)
    return redirect(_review_url(token, article))


def clip_review(model_admin, request, token, object_id=None):
    """The review of a story read from a source; its submission saves it."""
    article = _article_allowed(model_admin, request, object_id)
    story, pending = _kept(request, token, article)
    if story is None:
        notice = "This review is no longer open (it was saved, or has expired): clip again."
        return _start_page(model_admin, request, article, ClipSourceForm(), notice=notice)
    alignment, latest = version_alignment(article, story) if article else (None, None)
    proposals = proposals_for_version(story, alignment) if article else story.quotes
    data = request.POST if request.method == "POST" else None
    if data is not None and "accept_all" in data:
        data = accept_all(data, QUOTES_PREFIX, len(proposals))
    if article is None:
        form = DraftReviewForm(data, story=story)
    else:
        label, date, readings = version_label_and_date(article, story, alignment)
        form = VersionReviewForm(data, label=label, published_on=date, readings=readings)
    quotes = QuoteReviewFormSet(data, proposals=proposals, story=story, prefix=QUOTES_PREFIX)
    if data is not None and quotes.is_valid() and form.is_valid():
        try:
            saved = _save(request, article, form, story, quotes)
        except (clipper.ClipError, ValidationError) as error:
            quotes._non_form_errors = quotes.error_class([_message(error)])
        else:
            PendingVersion.objects.filter(pk=pending).delete()
            _forget(request, token)
            return saved
    context = {
        "title": "Review the newer version" if article else "Review the clipped story",
        "story": story,
        "paragraphs": [
            (draft, story.updates[draft.update].label if draft.update is not None else "")
            for draft in story.paragraphs
        ],
        "form": form,
        "quotes": quotes,
        "quote_rows": [
            (quote_form, story.paragraphs[quote_form.proposal.paragraph])
            for quote_form in quotes.forms
        ],
        "alignment": alignment,
        "steps": _steps(alignment, latest, story) if alignment else None,
        "tags": keyword_tags(story.tags),
        "source": site_source(story),
    }
    return _render(model_admin, request, "admin/clippings/clip/review.html", article, context)


def _save(request, article, form, story, quotes):
    accepted = quotes.accepted()
    if article is None:
        story = form.reviewed_story()
        article = clipping_create_draft(story, user=request.user, accepted_quotes=accepted)
        messages.success(
            request,
            f"“{article.headline}” was clipped as a draft with {len(story.paragraphs)} "
            f"paragraph(s) and {len(accepted)} quote(s). Check it, then publish it.",
        )
        return redirect(_change_url(article))
    update = clipping_add_version(
        article, story, user=request.user, accepted_quotes=accepted, **form.update_fields()
    )
    if update is None:
        messages.info(request, "Nothing changed since the latest version: no update recorded.")
    else:
        messages.success(
            request,
            f"The newer version was recorded as the update “{update.label}” "
            f"({update.published_on:%d %B %Y}) with {len(accepted)} quote(s).",
        )
    return redirect(_change_url(article))


def _read(form):
    """The story read from the form's source."""
    data = form.cleaned_data
    if data["address"]:
        return clipper.clip_source(data["address"])
    if data["file"]:
        text, is_html = form.upload_text()
        name = data["file"].name
        if is_html:
            return clipper.clip_html(text, source=name)
        return clipper.clip_text(text, source=name)
    return clipper.clip_text(data["text"], source="pasted text")


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _article_allowed(model_admin, request, object_id):
    """The clipping to clip a newer version of (None for a new one), if the editor may."""
    if object_id is None:
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        return None
    article = get_object_or_404(Article, pk=unquote(object_id))
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article


def _keep(request, story, article, pending=None):
    reviews = request.session.get(SESSION_KEY, {})
    while len(reviews) >= MAX_REVIEWS:
        reviews.pop(next(iter(reviews)))
    token = secrets.token_urlsafe(12)
    reviews[token] = {
        "article": article.pk if article else None,
        "story": story_to_data(story),
        "pending": pending.pk if pending else None,
    }
    request.session[SESSION_KEY] = reviews
    return token


def _kept(request, token, article):
    kept = request.session.get(SESSION_KEY, {}).get(token)
    if kept is None or kept["article"] != (article.pk if article else None):
        return None, None
    return story_from_data(kept["story"]), kept["pending"]


def _forget(request, token):
    reviews = request.session.get(SESSION_KEY, {})
    reviews.pop(token, None)
    request.session[SESSION_KEY] = reviews


def _steps(alignment, latest, story):
    """Each changed paragraph of a newer version, for the review: (op, anchor, old text, new
    text)."""
    rows = []
    for step in alignment.steps:
        if step.op == "unchanged":
            continue
        old = latest.blocks[step.old] if step.old is not None else None
        new = story.paragraphs[step.new].text if step.new is not None else ""
        rows.append((step.op, old.anchor if old else "", old.text if old else "", new))
    return rows


def _render(model_admin, request, template, article, context):
    opts = model_admin.model._meta
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": opts,
            "original": article,
            "has_view_permission": True,
            **context,
        },
    )


def _change_url(article):
    return reverse("admin:clippings_article_change", args=[article.pk])


def _review_url(token, article):
    if article is None:
        return reverse("admin:clippings_article_clip_review", args=[token])
    return reverse("admin:clippings_article_clip_newer_review", args=[article.pk, token])
