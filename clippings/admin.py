"""The editors' workspace: a clipping is edited on one page, with its parts inline."""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.formsets import TOTAL_FORM_COUNT
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator, smart_split, unescape_string_literal
from simple_history.admin import SimpleHistoryAdmin

from .admin_anchors import (
    ArticleParagraphs,
    ParagraphAnchorField,
    ParagraphAnchorsForm,
    ParagraphAnchorsFormSet,
    paragraph_datalist,
)
from .admin_captures import FetchedPagesAdmin
from .admin_clipping import ClipAdminMixin
from .admin_fields import (
    CheckedAutocompleteSelect,
    CheckedAutocompleteSelectMultiple,
    CheckedModelMultipleChoiceField,
    InlineRowForm,
    preload_selections,
)
from .admin_filters import AutocompleteFilter, AutocompleteFilterMedia
from .admin_paging import PagedFormSet
from .edit_conflicts import EditConflictAdmin
from .history import clipping_timeline, deleted_records, record_name
from .models import Article, Credit, Paragraph, Quote, Source, Speaker, SpeakerAlias, Tag, Update
from .models.subqueries import count_of
from .search import matching_quote_keys
from .services import record_restore, speaker_merge

admin.site.site_header = "Clipping Archive administration"
admin.site.site_title = "Clipping Archive"
admin.site.index_title = "The archive's records"


class CheckedAutocompleteMixin:
    """Autocomplete fields whose widgets survive any posted value (``admin_fields``)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RecoverDeletedAdmin(CheckedAutocompleteMixin, EditConflictAdmin, SimpleHistoryAdmin):
    """History, diffs and revert (django-simple-history), plus a page of deleted records to
    restore: a restored record is saved back as it was, which records a new version. A save
    from a change page opened before someone else's save is held back (``edit_conflicts``).

    Whoever may view a record may read its history. Reverting and restoring write, so they
    are checked here, on every request: django-simple-history only hides its Revert button
    from those who may not, and saves whatever is posted.
    """

    change_list_template = "admin/clippings/change_list_with_deleted.html"

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.deleted_view)
        return [
            path("deleted/", view, name=f"{opts.app_label}_{opts.model_name}_deleted"),
            *super().get_urls(),
        ]

    def has_revert_permission(self, request, obj=None):
        """Changing the record and its history records (``change_historical<model>``)."""
        history_opts = self.model.history.model._meta
        codename = get_permission_codename("change", history_opts)
        return self.has_change_permission(request, obj) and request.user.has_perm(
            f"{history_opts.app_label}.{codename}"
        )

    def has_restore_permission(self, request):
        """Reverting, and adding: a restored record is a row added back."""
        return self.has_add_permission(request) and self.has_revert_permission(request)

    def has_change_history_permission(self, request, obj=None):
        # django-simple-history's own check, behind its Revert button and page titles.
        return self.has_revert_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        # A deleted record is brought back whole from the deleted page, not by a revert.
        return self.revert_refused(request, obj) or (obj is not None and self.is_gone(obj))

    def revert_refused(self, request, obj=None):
        """Reverting is switched off (``SIMPLE_HISTORY_REVERT_DISABLED``) or not permitted."""
        return super().revert_disabled(request, obj) or not self.has_revert_permission(request, obj)

    def is_gone(self, obj):
        return not self.model._base_manager.filter(pk=obj.pk).exists()

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            history = self.model.history.model
            record = get_object_or_404(
                history, **{self.opts.pk.attname: unquote(object_id), "history_id": version_id}
            )
            obj = record.instance
            if self.revert_refused(request, obj):
                raise PermissionDenied
            if self.is_gone(obj):
                return self.refuse_revert_of_deleted(request, obj)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def refuse_revert_of_deleted(self, request, obj):
        """A revert would save the record alone, without the parts deleted with it."""
        deleted_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted")
        self.message_user(
            request,
            format_html(
                "This {} was deleted, so it cannot be reverted. Restore it from "
                '<a href="{}">Deleted {}</a>, which brings back what was deleted with it.',
                self.opts.verbose_name,
                deleted_url,
                self.opts.verbose_name_plural,
            ),
            messages.ERROR,
        )
        return redirect(deleted_url)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_restore_permission": self.has_restore_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        records = deleted_records(self.model)
        if request.method == "POST":
            record = get_object_or_404(records, history_id=request.POST.get("history_id"))
            try:
                restored = record_restore(record=record)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, f"Restored “{restored}”.", messages.SUCCESS)
                return redirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[restored.pk],
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "records": [(record, record_name(record)) for record in records[:200]],
        }
        return TemplateResponse(request, "admin/clippings/deleted_records.html", context)


def constraint_message(model, name):
    """The violation message of ``model``'s constraint called ``name``."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return constraint.get_violation_error_message()


def search_words(search_term):
    """The words and "quoted phrases" of an admin search, as Django's own search reads them."""
    for word in smart_split(search_term):
        if word[0] in "\"'" and word[0] == word[-1]:
            word = unescape_string_literal(word)
        if word:
            yield word


def speakers_named(word):
    """The keys of the speakers with ``word`` anywhere in their name or one of their aliases."""
    return Speaker.objects.filter(
        models.Q(name__icontains=word) | models.Q(aliases__name__icontains=word)
    ).values("pk")


def excerpt(text, length=80):
    return Truncator(text).chars(length)


class ArticleForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        # The check constraint says the same, but as an error of the whole form.
        if cleaned_data.get("published_on_is_inferred") and not cleaned_data.get(
            "published_on_note"
        ):
            self.add_error(
                "published_on_note",
                constraint_message(Article, "article_inferred_date_has_note"),
            )
        return cleaned_data


class QuoteForm(InlineRowForm):
    def clean(self):
        cleaned_data = super().clean()
        # The check constraints say the same, but as errors of the whole form.
        if cleaned_data.get("said_on_is_inferred") and not cleaned_data.get("said_on"):
            self.add_error("said_on", constraint_message(Quote, "quote_inferred_date_is_set"))
        speaker = cleaned_data.get("speaker")
        if speaker and speaker == cleaned_data.get("intermediary"):
            self.add_error(
                "intermediary", constraint_message(Quote, "quote_intermediary_is_not_speaker")
            )
        return cleaned_data


class ParagraphRowForm(ParagraphAnchorsForm, InlineRowForm):
    replaces = ParagraphAnchorField(
        label="Rewrites or removes",
        required=False,
        allow_new=False,
        help_text=Paragraph._meta.get_field("replaces").help_text + " Type its anchor, e.g. p7.",
    )


class QuoteRowForm(ParagraphAnchorsForm, QuoteForm):
    """A quote of the clipping's page: its paragraph typed as an anchor, or "new 1"."""

    PARAGRAPH_HELP = "The paragraph the words appear in: its anchor, e.g. p7."

    paragraph = ParagraphAnchorField(
        help_text=PARAGRAPH_HELP + " Or “new 1” for the first paragraph added on this page."
    )


class BoundedInlineFormSet(forms.BaseInlineFormSet):
    """An inline's rows: the saved ones and at most ``MAX_NEW_ROWS`` new ones per save.

    A request that claims more is refused before the rows are built: Django would build up
    to 2,000 of them, and render them again, past any server's time limit.
    """

    MAX_NEW_ROWS = 50

    def total_form_count(self):
        if self.is_bound and self.posts_too_many_rows():
            return 0
        return super().total_form_count()

    @cached_property
    def forms(self):
        forms = super().forms
        preload_selections(forms)
        return forms

    def posts_too_many_rows(self):
        posted = self.management_form.cleaned_data[TOTAL_FORM_COUNT]
        return posted > len(self.get_queryset()) + self.MAX_NEW_ROWS

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.posts_too_many_rows():
            self._non_form_errors = self.error_class(
                [f"Add at most {self.MAX_NEW_ROWS} new rows at a time, then save and add more."],
                error_class="nonform",
                renderer=self.renderer,
            )


class ArchiveInline(CheckedAutocompleteMixin):
    """An inline of the archive's admin: checked autocompletes and a bounded number of rows."""

    form = InlineRowForm
    formset = BoundedInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """A related record's select keeps its "+" link: changing, deleting or viewing the
        record chosen is for its own page, not links repeated in every row."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_change_related = False
            formfield.widget.can_delete_related = False
            formfield.widget.can_view_related = False
        return formfield


class PartsFormSet(PagedFormSet, ParagraphAnchorsFormSet, BoundedInlineFormSet):
    """Paragraphs or quotes of the clipping's page, which name paragraphs by anchor, a page
    of rows at a time (``admin_paging``)."""


class PartsInline(ArchiveInline, admin.StackedInline):
    """Paragraphs or quotes, a compact block each; with ``fold_rows``, a line each, opened to
    edit."""

    formset = PartsFormSet
    template = "admin/clippings/edit_inline/parts.html"
    fold_rows = False
    #: Saved rows shown at a time (``admin_paging``); the seed clipping's fit on one page.
    per_page = 50
    extra = 0
    view_on_site = False


class UpdateParagraphFormSet(BoundedInlineFormSet):
    """An update's paragraphs, which belong to the update's article too."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.instance.article_id = self.instance.article_id


class ArticleChoicesInline:
    """Inline mixin: selects offer only the edited article's rows, read once for all the rows.

    Without it each row's select would list every update or paragraph in the archive, and
    would query them again for each row.
    """

    def get_article_choices(self, article):
        """Form field arguments, by foreign key name, that offer only ``article``'s rows.

        ``article`` is None on the add page.
        """
        return {}

    def get_formset(self, request, obj=None, **kwargs):
        limits = self.get_article_choices(obj)

        def formfield_callback(db_field, **field_kwargs):
            if db_field.name not in limits:
                return self.formfield_for_dbfield(db_field, request, **field_kwargs)
            formfield = self.formfield_for_dbfield(
                db_field, request, **field_kwargs, **limits[db_field.name]
            )
            # Validation still looks values up in the queryset; rendering uses this list.
            formfield.choices = list(formfield.choices)
            return formfield

        return super().get_formset(request, obj, formfield_callback=formfield_callback, **kwargs)


class CreditInline(ArchiveInline, admin.TabularInline):
    model = Credit
    extra = 0
    fields = ["position", "source", "name_as_printed"]
    autocomplete_fields = ["source"]
    ordering = ["position", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class UpdateInline(ArchiveInline, admin.TabularInline):
    model = Update
    extra = 0
    fields = ["anchor", "label", "published_on", "headline"]
    readonly_fields = ["anchor"]
    show_change_link = True
    view_on_site = False


class ParagraphInline(ArticleChoicesInline, PartsInline):
    model = Paragraph
    form = ParagraphRowForm
    fields = [("update", "position", "kind", "replaces", "url"), "text"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "class": "paragraph-text"})},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("update", "replaces__update")

    def get_article_choices(self, article):
        updates = Update.objects.filter(article=article) if article else Update.objects.none()
        return {"update": {"queryset": updates, "empty_label": "Original post"}}


class QuoteInline(PartsInline):
    model = Quote
    form = QuoteRowForm
    fold_rows = True
    per_page = 30
    fieldsets = [
        (None, {"fields": [("paragraph", "kind"), "words"]}),
        ("Speaker", {"fields": [("speaker", "speaker_as_printed"), "intermediary"]}),
        ("Channel", {"fields": [("channel", "channel_source"), "channel_as_printed"]}),
        ("When said", {"fields": [("said_on", "said_on_as_printed"), "said_on_is_inferred"]}),
    ]
    autocomplete_fields = ["speaker", "intermediary", "channel_source"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "class": "quote-words"})},
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("speaker", "intermediary", "channel_source", "paragraph__update")
        )


class OnSiteIfPublished:
    """'View on site' only where the public site shows the object: in a published article."""

    def view_on_site(self, obj):
        article = obj if isinstance(obj, Article) else obj.article
        if article.status == Article.Status.PUBLISHED:
            return obj.get_absolute_url()
        return None


class ArticlePartAdmin(OnSiteIfPublished, RecoverDeletedAdmin):
    """An update, paragraph or quote: numbered within its article, so it stays in it."""

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "anchor"]
        return [*readonly, "article"] if obj else readonly


@admin.register(Article)
class ArticleAdmin(
    AutocompleteFilterMedia,
    ClipAdminMixin,
    FetchedPagesAdmin,
    OnSiteIfPublished,
    RecoverDeletedAdmin,
):
    form = ArticleForm
    list_display = ["headline", "published", "status", "update_count", "quote_count"]
    list_filter = [
        "status",
        ("tags", AutocompleteFilter),
        ("sources", AutocompleteFilter),
        "published_on",
    ]
    date_hierarchy = "published_on"
    search_fields = [
        "headline",
        "paragraphs__text",
        "quotes__words",
        "quotes__speaker__name",
        "quotes__speaker__aliases__name",
    ]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["tags", "outlet"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "status", "outlet"]}),
        ("Dates", {"fields": ["published_on", "published_on_is_inferred", "published_on_note"]}),
        ("Filed under", {"fields": ["filed_under_as_printed", "tags"]}),
        ("Comments", {"fields": ["comment_count", "comments_closed"]}),
        ("Clipping", {"fields": ["original_url", "clipped_at"]}),
    ]
    inlines = [CreditInline, UpdateInline, ParagraphInline, QuoteInline]
    save_on_top = True
    object_history_template = "admin/clippings/article/object_history.html"

    class Media:
        css = {"all": ["clippings/admin_desk.css"]}
        js = ["clippings/admin_desk.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_formsets_with_inlines(self, request, obj=None):
        """Paragraphs and quotes name the clipping's paragraphs by anchor, read once for both,
        and a quote may name a paragraph added in the same save (``admin_anchors``). Both
        are shown a page of rows at a time (``admin_paging``)."""
        paragraphs = ArticleParagraphs(obj)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if issubclass(formset, PartsFormSet):
                attrs = {
                    "paragraphs": paragraphs,
                    "per_page": inline.per_page,
                    "query": request.GET,
                }
                formset = type(formset)(formset.__name__, (formset,), attrs)
            yield formset, inline

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        paragraphs = next(
            (
                inline.formset.paragraphs
                for inline in context.get("inline_admin_formsets", [])
                if getattr(inline.formset, "paragraphs", None) is not None
            ),
            None,
        )
        context["paragraph_anchors"] = paragraph_datalist(paragraphs)
        return super().render_change_form(request, context, add, change, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        """The clipping's own history, then one timeline of it and all its parts.

        The history view has read the clipping and checked the permission; a deleted
        clipping's history shows it as recorded, a record not saved, and no timeline. The
        timeline is read when the page shows it."""
        if template == self.object_history_template:  # not a past version's page
            article = context["object"]
            context["timeline"] = (
                list if article._state.adding else functools.partial(clipping_timeline, article)
            )
        return super().render_history_view(request, template, context, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Each word must appear in the headline, the text, or the names of a quoted speaker.

        The same as ``search_fields``, but each related table is searched in its own EXISTS:
        Django joins them all, and an article's paragraphs times its quotes times the aliases
        of their speakers made thousands of rows per article to scan. A quote's words are
        printed in its paragraph, so the paragraphs' text finds them, without reading a
        million quotes' words again.
        """
        for word in search_words(search_term):
            paragraphs = Paragraph.objects.filter(
                article=models.OuterRef("pk"), text__icontains=word
            )
            quotes = Quote.objects.filter(
                article=models.OuterRef("pk"), speaker__in=speakers_named(word)
            )
            queryset = queryset.filter(
                models.Q(headline__icontains=word)
                | models.Exists(paragraphs)
                | models.Exists(quotes)
            )
        return queryset, False

    @admin.display(description="published", ordering="published_on")
    def published(self, article):
        date = formats.date_format(article.published_on)
        return f"{date} (inferred)" if article.published_on_is_inferred else date

    @admin.display(description="updates", ordering="update_count")
    def update_count(self, article):
        return article.update_count

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, article):
        return article.quote_count


class UpdateParagraphInline(ArchiveInline, admin.TabularInline):
    model = Paragraph
    formset = UpdateParagraphFormSet
    fk_name = "update"
    extra = 0
    fields = ["anchor", "position", "kind", "text", "url"]
    readonly_fields = ["anchor"]
    formfield_overrides = ParagraphInline.formfield_overrides
    view_on_site = False


@admin.register(Update)
class UpdateAdmin(ArticlePartAdmin):
    list_display = ["label", "published_on", "article", "paragraph_count"]
    list_select_related = ["article"]
    search_fields = ["label", "article__headline"]
    date_hierarchy = "published_on"
    fields = ["article", "label", "published_on", "headline", "anchor"]
    autocomplete_fields = ["article"]
    inlines = [UpdateParagraphInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paragraph_count=count_of(Paragraph, "update"))

    @admin.display(description="paragraphs", ordering="paragraph_count")
    def paragraph_count(self, update):
        return update.paragraph_count


@admin.register(Paragraph)
class ParagraphAdmin(ArticlePartAdmin):
    list_display = ["anchor", "text_excerpt", "kind", "update", "article"]
    list_display_links = ["anchor", "text_excerpt"]
    list_select_related = ["article", "update"]
    list_filter = ["kind"]
    search_fields = ["text", "article__headline"]
    fields = ["article", "update", "position", "kind", "text", "url", "anchor"]
    autocomplete_fields = ["article"]
    raw_id_fields = ["update"]

    @admin.display(description="text")
    def text_excerpt(self, paragraph):
        return excerpt(paragraph.text)


@admin.register(Quote)
class QuoteAdmin(AutocompleteFilterMedia, ArticlePartAdmin):
    form = QuoteForm
    list_display = ["words_excerpt", "speaker", "kind", "channel", "said_on", "article"]
    list_select_related = ["speaker", "article"]
    list_filter = [
        "kind",
        "channel",
        ("speaker", AutocompleteFilter),
        "speaker__affiliation",
    ]
    # Sorting a million quotes by a column needs an index on it: that of the date said.
    sortable_by = ["said_on"]
    # Counting them all for "… total" costs a scan; the filtered count is enough.
    show_full_result_count = False
    search_fields = ["words", "speaker__name", "speaker__aliases__name"]
    fieldsets = [
        (None, {"fields": ["article", "paragraph", "anchor", "words", "kind"]}),
        ("Speaker", {"fields": ["speaker", "speaker_as_printed", "intermediary"]}),
        ("Channel", {"fields": ["channel", "channel_source", "channel_as_printed"]}),
        ("When said", {"fields": ["said_on", "said_on_as_printed", "said_on_is_inferred"]}),
    ]
    autocomplete_fields = ["article", "speaker", "intermediary", "channel_source"]
    raw_id_fields = ["paragraph"]

    def get_search_results(self, request, queryset, search_term):
        """Each word (or "quoted phrase") must be among the quote's words, in any form of it
        ("talks" finds "talk" and "talking"), or in its speaker's name or one of their aliases.

        The words are looked up in the full-text index (``clippings.search``), where
        Django's ``search_fields`` would read every quote's words with ``LIKE '%…%'`` (as is
        still done for a word the index leaves out); names are few, and matched anywhere in
        them as ``search_fields`` does.
        """
        for word in search_words(search_term):
            keys = matching_quote_keys(word, using=queryset.db)
            in_words = models.Q(words__icontains=word) if keys is None else models.Q(pk__in=keys)
            queryset = queryset.filter(in_words | models.Q(speaker__in=speakers_named(word)))
        return queryset, False

    def get_form(self, request, obj=None, change=False, **kwargs):
        """A saved quote's paragraph is typed as an anchor of its own article, whose
        paragraphs the page offers; a new quote's article is not known yet."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or "paragraph" not in form.base_fields:
            return form
        field = ParagraphAnchorField(allow_new=False, help_text=QuoteRowForm.PARAGRAPH_HELP)
        field.paragraphs = ArticleParagraphs(obj.article)
        return type(form)(form.__name__, (form,), {"paragraph": field, "__module__": __name__})

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        field = context["adminform"].form.fields.get("paragraph")
        if isinstance(field, ParagraphAnchorField):
            context["paragraph_anchors"] = paragraph_datalist(field.paragraphs)
        return super().render_change_form(request, context, add, change, **kwargs)

    @admin.display(description="words")
    def words_excerpt(self, quote):
        return excerpt(quote.words)


class SpeakerAliasInline(ArchiveInline, admin.TabularInline):
    model = SpeakerAlias
    extra = 0


class SpeakerMergeForm(forms.Form):
    """Which of two speakers to keep when the other is folded into it.

    ``confirm`` marks the post that carries the choice; the first post, from the list's action
    menu, has none and gets the question, with no errors.
    """

    CHOOSE = "Choose the speaker to keep."

    keep = forms.ChoiceField(
        label="Keep which record?",
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    confirm = forms.CharField(widget=forms.HiddenInput, initial="yes")

    def __init__(self, data=None, *, speakers, **kwargs):
        if data is not None and data.get("confirm") != "yes":
            data = None
        super().__init__(data, **kwargs)
        self.speakers = speakers
        self.fields["keep"].choices = [(str(speaker.pk), speaker.name) for speaker in speakers]
        self.fields["keep"].initial = str(speakers[0].pk)

    def speaker_choices(self):
        """Each speaker's radio button, with the speaker, in the order of the question."""
        return zip(self["keep"], self.speakers, strict=True)

    def clean_keep(self):
        pk = self.cleaned_data["keep"]
        return next(speaker for speaker in self.speakers if str(speaker.pk) == pk)

    def chosen(self):
        """The speaker chosen to keep, and the one to fold into it."""
        keep = self.cleaned_data["keep"]
        return keep, next(speaker for speaker in self.speakers if speaker.pk != keep.pk)


@admin.action(description="Merge the two selected speakers…", permissions=["merge"])
def merge_speakers(modeladmin, request, queryset):
    """Ask which of two speakers to keep, then fold the other into it."""
    speakers = list(queryset.with_quote_count().prefetch_related("aliases"))
    if len(speakers) != 2:
        modeladmin.message_user(
            request, "Select exactly two speakers to merge.", level=messages.WARNING
        )
        return None
    form = SpeakerMergeForm(request.POST, speakers=speakers)
    if form.is_valid():
        keep, merge = form.chosen()
        merged_name = str(merge)
        try:
            speaker_merge(keep=keep, merge=merge)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            modeladmin.message_user(
                request, f"Merged “{merged_name}” into “{keep}”.", messages.SUCCESS
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Merge two speakers",
        "opts": modeladmin.model._meta,
        "form": form,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "action": "merge_speakers",
    }
    return TemplateResponse(request, "admin/clippings/speaker/merge_confirmation.html", context)


@admin.register(Speaker)
class SpeakerAdmin(RecoverDeletedAdmin):
    list_display = ["name", "kind", "role", "affiliation", "quote_count"]
    list_filter = ["kind", "affiliation"]
    search_fields = ["name", "aliases__name", "role", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]
    actions = [merge_speakers]

    def has_merge_permission(self, request):
        """Both changing and deleting speakers: a merge changes one and deletes the other.

        (An action listing several permissions is offered to whoever has any one of them.)
        """
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def get_queryset(self, request):
        return super().get_queryset(request).with_quote_count()

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, speaker):
        return speaker.quote_count


@admin.register(Source)
class SourceAdmin(RecoverDeletedAdmin):
    list_display = ["name", "kind", "article_count", "quote_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="articles crediting it", ordering="article_count")
    def article_count(self, source):
        return source.article_count

    @admin.display(description="quotes through it", ordering="quote_count")
    def quote_count(self, source):
        return source.quote_count


@admin.register(Tag)
class TagAdmin(RecoverDeletedAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_article_count()

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count
