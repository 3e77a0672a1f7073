"""The clipping page that the admin's "view on site" opens."""

import pytest
from django.urls import reverse

from clippings.models import Article

from .factories import ArticleFactory


def test_clipping_page_shows_original_post_then_update_paragraph_by_paragraph(client, karabakh):
    response = client.get(karabakh.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'id="{p.anchor}"') for p in karabakh.paragraphs.all()]
    assert positions == sorted(positions)
    assert html.index("Armenia and Azerbaijan reported") < html.index("Update Sunday 03/04/2016")
    assert "date inferred" in html


def test_clipping_page_runs_a_fixed_number_of_queries(client, karabakh, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get(karabakh.get_absolute_url())


@pytest.mark.django_db
def test_draft_clipping_is_not_public(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_unknown_clipping_is_404(client):
    url = reverse("clippings:article-detail", kwargs={"slug": "no-such-story"})
    assert client.get(url).status_code == 404


def test_every_quote_is_marked_up_in_place_and_links_to_its_speaker(client, karabakh):
    from clippings.models import Quote

    html = client.get(karabakh.get_absolute_url()).content.decode()
    for quote in Quote.objects.select_related("speaker"):
        if quote.kind == Quote.Kind.REPORTED:
            assert f'<span class="reported" id="{quote.anchor}"' in html
        else:
            assert f'<q class="quote" id="{quote.anchor}" cite="' in html
        assert f'href="{quote.speaker.get_absolute_url()}"' in html


def test_update_is_marked_with_its_printed_label_and_its_date(client, karabakh):
    html = client.get(karabakh.get_absolute_url()).content.decode()
    assert 'id="update-1"' in html
    assert "Update Sunday 03/04/2016" in html
    assert '<time datetime="2016-04-03">Sunday 3 April 2016</time>' in html


def test_lost_embed_and_related_link_say_what_did_not_survive(client, karabakh):
    html = client.get(karabakh.get_absolute_url()).content.decode()
    assert "the embedded content did not survive clipping" in html
    assert "its address did not survive clipping" in html


@pytest.mark.django_db
def test_a_quote_is_marked_whatever_its_quotation_marks_and_spacing(client):
    """A quote's words find themselves in the paragraph with curly marks for straight ones and
    any run of spaces for one; characters regexes treat specially stand for themselves."""
    from .factories import ParagraphFactory, QuoteFactory

    paragraph = ParagraphFactory(text="He asked: “Who pays (and\n how much?)” and left.")
    quote = QuoteFactory(
        paragraph=paragraph, article=paragraph.article, words=' "Who pays (and how much?)" '
    )
    html = client.get(paragraph.article.get_absolute_url()).content.decode()
    assert f'id="{quote.anchor}"' in html
    assert ">“Who pays (and\n how much?)”</q> and left." in html


@pytest.mark.django_db
def test_text_from_the_archive_is_escaped(client):
    from .factories import ParagraphFactory, QuoteFactory

    paragraph = ParagraphFactory(text="He said “<script>alert(1)</script>” & left.")
    QuoteFactory(paragraph=paragraph, article=paragraph.article, words="<script>alert(1)</script>")
    html = client.get(paragraph.article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_each_name_of_an_attribution_line_is_escaped_and_linked(client):
    from .factories import QuoteFactory, SourceFactory, SpeakerFactory

    quote = QuoteFactory(
        speaker=SpeakerFactory(name="<b>Ann</b>", role="<i>envoy</i>"),
        intermediary=SpeakerFactory(name="Bo & Co", role="aide"),
        channel="carrier_pigeon",  # a value written around the model's choices
        channel_source=SourceFactory(name="<Wire>"),
    )
    html = client.get(quote.get_absolute_url()).content.decode()
    assert (
        f'<a href="{quote.speaker.get_absolute_url()}">&lt;b&gt;Ann&lt;/b&gt;</a> '
        f'(&lt;i&gt;envoy&lt;/i&gt;), via aide <a href="{quote.intermediary.get_absolute_url()}">'
        f"Bo &amp; Co</a>, carrier_pigeon through "
        f'<a href="{quote.channel_source.get_absolute_url()}">&lt;Wire&gt;</a>'
    ) in html


def build_clipping(paragraphs, quotes_per_paragraph):
    from .factories import ArticleFactory, ParagraphFactory, QuoteFactory, UpdateFactory

    article = ArticleFactory()
    update = UpdateFactory(article=article)
    for number in range(paragraphs):
        paragraph = ParagraphFactory(article=article, update=update if number % 2 else None)
        for _ in range(quotes_per_paragraph):
            QuoteFactory(paragraph=paragraph, article=article)
    return article


@pytest.mark.django_db
def test_clipping_page_queries_do_not_grow_with_paragraphs_quotes_or_archive_size(
    client, django_assert_max_num_queries
):
    small = build_clipping(paragraphs=1, quotes_per_paragraph=1)
    with django_assert_max_num_queries(7):
        client.get(small.get_absolute_url())
    for _ in range(20):
        build_clipping(paragraphs=2, quotes_per_paragraph=1)
    large = build_clipping(paragraphs=12, quotes_per_paragraph=3)
    with django_assert_max_num_queries(7):
        assert client.get(large.get_absolute_url()).status_code == 200
