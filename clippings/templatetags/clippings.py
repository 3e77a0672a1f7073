import re

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils import dateformat
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from clippings.models import Quote

register = template.Library()

#: A quote's channel as the attribution line names it.
_CHANNELS = dict(Quote.Channel.choices)

#: Each quotation mark as a regex class of the marks a text may print in its place.
_EQUIVALENT = str.maketrans(
    {
        '"': '["“”„«»]',
        "“": '["“”„«»]',
        "”": '["“”„«»]',
        "'": "['‘’‚]",
        "‘": "['‘’‚]",
        "’": "['‘’‚]",
    }
)


def _pattern(words):
    """A regex finding ``words`` in a text whatever its quotation marks and spacing."""
    return re.compile(r"\s+".join(map(re.escape, words.split())).translate(_EQUIVALENT))


def quote_spans(text, quotes):
    """(start, end, quote) for each quote found in ``text``, in order, without overlaps."""
    spans = []
    for quote in quotes:
        match = _pattern(quote.words).search(text)
        if match:
            spans.append((match.start(), match.end(), quote))
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept, end = [], -1
    for span in spans:
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


@register.simple_tag
def marked_up_text(paragraph):
    """The paragraph's text, escaped, with each of its quotes marked up in place.

    Quotations become ``<q>`` elements; reported speech, which the writer did not put in
    quotation marks, a ``<span>``. Each carries the quote's anchor as its id. A quote nested
    in another keeps its anchor on an empty marker so links to it still land.
    """
    text = paragraph.text
    quotes = list(paragraph.quotes.all())
    spans = quote_spans(text, quotes)
    placed = {quote.pk for _, _, quote in spans}
    html, position = [], 0
    for quote in quotes:
        if quote.pk not in placed:
            html.append(format_html('<span id="{}"></span>', quote.anchor))
    for start, end, quote in spans:
        html.append(conditional_escape(text[position:start]))
        words = text[start:end]
        if quote.is_reported:
            html.append(
                format_html(
                    '<span class="reported" id="{}" data-speaker="{}">{}</span>',
                    quote.anchor,
                    quote.speaker.name,
                    words,
                )
            )
        else:
            html.append(
                format_html(
                    '<q class="quote" id="{}" cite="{}" data-speaker="{}">{}</q>',
                    quote.anchor,
                    quote.channel_source.url
                    if quote.channel_source_id and quote.channel_source.url
                    else quote.speaker.get_absolute_url(),
                    quote.speaker.name,
                    words,
                )
            )
        position = end
    html.append(conditional_escape(text[position:]))
    return mark_safe("".join(str(part) for part in html))  # every part escaped above


@register.simple_tag
def attribution(quote):
    """A quote's attribution line: speaker and role, through whom, how, through which outlet
    and when the words were said, each name a link to its page.

    Built here, not in an included template: a list shows it for each of its quotes, where
    the template engine took 90 µs a line, most of a list row's time.
    """
    speaker, intermediary, outlet = quote.speaker, quote.intermediary, quote.channel_source
    parts = [format_html('<a href="{}">{}</a>', speaker.get_absolute_url(), speaker.name)]
    if speaker.role:
        parts.append(format_html(" ({})", speaker.role))
    if intermediary:
        parts.append(
            format_html(
                ', via {}<a href="{}">{}</a>',
                f"{intermediary.role} " if intermediary.role else "",
                intermediary.get_absolute_url(),
                intermediary.name,
            )
        )
    unstated = quote.channel == quote.Channel.UNSPECIFIED
    if not unstated:
        parts.append(format_html(", {}", _CHANNELS.get(quote.channel, quote.channel).lower()))
    if outlet:
        parts.append(
            format_html(
                '{} through <a href="{}">{}</a>',
                "," if unstated else "",
                outlet.get_absolute_url(),
                outlet.name,
            )
        )
    if quote.said_on:
        parts.append(
            format_html(
                ', said <time datetime="{}">{}</time>',
                quote.said_on.isoformat(),
                dateformat.format(quote.said_on, "l j F Y"),
            )
        )
        if quote.said_on_as_printed:
            parts.append(
                format_html(
                    " (“{}”{})",
                    quote.said_on_as_printed,
                    ", date taken from context" if quote.said_on_is_inferred else "",
                )
            )
    return mark_safe("".join(parts))  # every part escaped by format_html


@register.simple_tag
def text_marking(paragraph, quote):
    """The paragraph's text, escaped, with ``quote``'s words in it (and only those) marked."""
    text = paragraph.text
    match = _pattern(quote.words).search(text)
    if not match:
        return text
    return format_html(
        "{}<mark>{}</mark>{}", text[: match.start()], match.group(), text[match.end() :]
    )


@register.simple_tag(takes_context=True)
def later_change(context, paragraph):
    """What a later update did to ``paragraph`` (``evolution.LaterChange``), from the page's
    ``later_changes``; None if nothing did, or the page does not say."""
    return context.get("later_changes", {}).get(paragraph.pk)


@register.simple_tag(takes_context=True)
def version_citations(context, article, versions):
    """A ``Citation`` for each of ``versions``, its permalink on the host the page is read on."""
    from clippings.citations import Citation

    return [Citation.of(context["request"], article, version) for version in versions]


@register.simple_tag(takes_context=True)
def version_citation(context, article, version):
    """The ``Citation`` of one version, its permalink on the host the page is read on."""
    from clippings.citations import Citation

    return Citation.of(context["request"], article, version)


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, versions):
    """The clipping page's schema.org ``NewsArticle``, as JSON safe inside ``<script>``."""
    from clippings.citations import json_for_script, news_article

    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return json_for_script(news_article(article, versions, url))


@register.simple_tag(takes_context=True)
def rendered_block(context, name):
    """What the page's ``{% block name %}`` renders, or "" if it has none.

    Django renders a block once, where its parent places it; this renders it again, so that
    base.html can use a page's title and description in ``<title>``, the meta description
    and Open Graph while the page states each once.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    return block.render(context) if block else ""


@register.filter
def fields_set(form):
    """How many of a filter form's fields the address sets."""
    return sum(1 for name in form.fields if str(form.data.get(name, "")).strip())
