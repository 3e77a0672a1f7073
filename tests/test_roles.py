"""The Archivist, Editor and Viewer roles, tried through the admin's own URLs."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from clippings.models import Article, Credit, Paragraph, Quote, Speaker, Update
from clippings.roles import ARCHIVIST, CLIPPING_MODELS, EDITOR, ROLES, VIEWER
from tests.factories import ArticleFactory, ParagraphFactory, QuoteFactory, SpeakerFactory
from tests.test_admin import field_data, submitted

ARTICLE_PARTS = [Credit, Update, Paragraph, Quote]

ACTIONS = ["view changelist", "open add page", "post add", "post change", "post delete"]
MODELS = [Article, Quote, Speaker]

#: (role, action) -> whether the role may; the same for Article, Quote and Speaker.
ALLOWED = {
    (ARCHIVIST, "view changelist"): True,
    (ARCHIVIST, "open add page"): True,
    (ARCHIVIST, "post add"): True,
    (ARCHIVIST, "post change"): True,
    (ARCHIVIST, "post delete"): True,
    (EDITOR, "view changelist"): True,
    (EDITOR, "open add page"): True,
    (EDITOR, "post add"): True,
    (EDITOR, "post change"): True,
    (EDITOR, "post delete"): False,
    (VIEWER, "view changelist"): True,
    (VIEWER, "open add page"): False,
    (VIEWER, "post add"): False,
    (VIEWER, "post change"): False,
    (VIEWER, "post delete"): False,
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def roles(db):
    call_command("setup_roles", verbosity=0)
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def sample(db):
    """An article with a paragraph and a quote, and a speaker quoted nowhere."""
    quote = QuoteFactory(
        paragraph=ParagraphFactory(
            article=ArticleFactory(published_on=datetime.date(2016, 4, 2)),
            text="The minister said “we will not give up” and left the room.",
        ),
    )
    return {Article: quote.article, Quote: quote, Speaker: SpeakerFactory()}


def staff_client(client, role, roles):
    user = User.objects.create_user(username=role.lower(), password="not-used", is_staff=True)
    user.groups.add(roles[role])
    client.force_login(user)
    return client


def new_object_data(admin_client, model, sample):
    """What a browser posts from ``model``'s add page to add a valid new object."""
    data = submitted(admin_client.get(admin_url(model, "add")))
    if model is Article:
        data.update(
            headline="A new story", slug="a-new-story", status="draft", published_on="2016-04-05"
        )
    elif model is Quote:
        quote = sample[Quote]
        data.update(
            article=str(quote.article_id),
            paragraph=str(quote.paragraph_id),
            words="left the room",
            kind="partial",
            speaker=str(sample[Speaker].pk),
            channel="unspecified",
        )
    else:
        data.update(name="A new speaker", slug="a-new-speaker", kind="person")
    return data


def perform(client, admin_client, action, model, sample):
    obj = sample[model]
    if action == "view changelist":
        return client.get(admin_url(model, "changelist"))
    if action == "open add page":
        return client.get(admin_url(model, "add"))
    if action == "post add":
        return client.post(admin_url(model, "add"), new_object_data(admin_client, model, sample))
    if action == "post change":
        url = admin_url(model, "change", obj.pk)
        return client.post(url, submitted(admin_client.get(url)))
    if action == "post delete":
        return client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    raise AssertionError(action)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_can_or_cannot_do_each_admin_action(
    client, admin_client, roles, sample, role, action, model
):
    staff_client(client, role, roles)
    count = model.objects.count()
    response = perform(client, admin_client, action, model, sample)
    if not ALLOWED[(role, action)]:
        assert response.status_code == 403
        assert model.objects.count() == count
    elif action.startswith("post"):
        assert response.status_code == 302
        expected = {"post add": count + 1, "post change": count, "post delete": count - 1}
        assert model.objects.count() == expected[action]
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", list(ROLES))
def test_no_role_may_manage_users_or_groups(client, roles, role):
    staff_client(client, role, roles)
    for model in (User, Group):
        assert client.get(admin_url(model, "changelist")).status_code == 403
        assert client.get(admin_url(model, "add")).status_code == 403
    assert not roles[role].permissions.filter(content_type__app_label="auth").exists()


def test_editor_cannot_delete_anything_in_the_archive(roles):
    codenames = set(roles[EDITOR].permissions.values_list("codename", flat=True))
    assert codenames == {
        f"{action}_{model}" for model in CLIPPING_MODELS for action in ("view", "add", "change")
    }


def test_viewer_only_views(roles):
    codenames = set(roles[VIEWER].permissions.values_list("codename", flat=True))
    assert codenames == {f"view_{model}" for model in CLIPPING_MODELS}


def test_archivist_has_every_clipping_permission_including_history(roles):
    codenames = set(roles[ARCHIVIST].permissions.values_list("codename", flat=True))
    for model in CLIPPING_MODELS:
        for action in ("view", "add", "change", "delete"):
            assert f"{action}_{model}" in codenames
    # Whatever the history package adds is the Archivist's, and nobody else's.
    historical = {codename for codename in codenames if "_historical" in codename}
    for role in (EDITOR, VIEWER):
        assert not roles[role].permissions.filter(codename__in=historical).exists()
    assert "view_quotesearchentry" not in codenames


def test_setup_roles_twice_changes_nothing_and_repairs_a_group_edited_by_hand(roles):
    before = {name: set(group.permissions.all()) for name, group in roles.items()}
    roles[VIEWER].permissions.add(*roles[ARCHIVIST].permissions.all())
    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)
    after = {group.name: set(group.permissions.all()) for group in Group.objects.all()}
    assert after == before
    assert Group.objects.count() == 3


#: Who may revert, restore, merge speakers and delete: the Archivist only.
WRITES = ["revert", "restore", "merge speakers", "delete"]
MAY_WRITE = {
    ARCHIVIST: {"revert", "restore", "merge speakers", "delete"},
    EDITOR: set(),
    VIEWER: set(),
}


def archive_state():
    """Every clipping table's row count, history tables included, and the names these change."""
    state = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_app_config("clippings").get_models(include_auto_created=True)
        if model._meta.managed  # not the quote search index, which the database keeps
    }
    state["headlines"] = sorted(Article.objects.values_list("headline", flat=True))
    state["speakers"] = sorted(Speaker.objects.values_list("name", flat=True))
    return state


def part_counts(article_id):
    return {model: model.objects.filter(article_id=article_id).count() for model in ARTICLE_PARTS}


def revert_post(admin_client, karabakh):
    """A headline edited by mistake, and the revert form's POST back to the first version."""
    karabakh.headline = "A wrong headline"
    karabakh.save()
    first = karabakh.history.earliest()
    url = admin_url(Article, "simple_history", karabakh.pk, first.history_id)
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for field in form:
        data.update(field_data(field))
    return url, data


def restore_post(karabakh):
    """The clipping deleted, and the deleted page's POST that brings it back."""
    karabakh.delete()
    record = Article.history.get(history_type="-")
    return admin_url(Article, "deleted"), {"history_id": record.history_id}


def merge_post(speakers):
    keep, merge = speakers
    data = {
        "action": "merge_speakers",
        "_selected_action": [keep.pk, merge.pk],
        "confirm": "yes",
        "keep": keep.pk,
    }
    return admin_url(Speaker, "changelist"), data


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", list(ROLES))
def test_only_the_archivist_may_revert_restore_merge_or_delete(
    client, admin_client, roles, karabakh, role, write
):
    speakers = [SpeakerFactory(name="Ilham Aliyev"), SpeakerFactory(name="Ilham Aliev")]
    pk, headline, parts = karabakh.pk, karabakh.headline, part_counts(karabakh.pk)
    url, data = {
        "revert": lambda: revert_post(admin_client, karabakh),
        "restore": lambda: restore_post(karabakh),
        "merge speakers": lambda: merge_post(speakers),
        "delete": lambda: (admin_url(Article, "delete", karabakh.pk), {"post": "yes"}),
    }[write]()
    staff_client(client, role, roles)
    before = archive_state()

    response = client.post(url, data)

    if write not in MAY_WRITE[role]:
        # Django answers an action the user may not take by showing the list again.
        assert response.status_code == (200 if write == "merge speakers" else 403)
        assert archive_state() == before
        return
    assert response.status_code == 302
    if write == "revert":
        karabakh.refresh_from_db()
        assert karabakh.headline == headline
        assert karabakh.history.latest().history_user.username == role.lower()
    elif write == "restore":
        assert Article.objects.get(pk=pk).headline == headline
        assert part_counts(pk) == parts
    elif write == "merge speakers":
        assert list(Speaker.objects.filter(pk__in=[s.pk for s in speakers])) == speakers[:1]
        assert speakers[0].aliases.filter(name="Ilham Aliev").exists()
    else:
        assert not Article.objects.filter(pk=pk).exists()
        assert part_counts(pk) == dict.fromkeys(ARTICLE_PARTS, 0)


@pytest.mark.parametrize("role", [EDITOR, VIEWER])
def test_editors_and_viewers_read_history_but_are_offered_no_revert_restore_or_merge(
    client, roles, karabakh, role
):
    staff_client(client, role, roles)
    speaker_list = client.get(admin_url(Speaker, "changelist"))
    assert 'value="merge_speakers"' not in speaker_list.content.decode()
    assert admin_url(Speaker, "deleted") not in speaker_list.content.decode()
    assert client.get(admin_url(Article, "deleted")).status_code == 403

    history = client.get(admin_url(Article, "history", karabakh.pk))
    assert history.status_code == 200
    assert history.context["revert_disabled"]
    version = karabakh.history.earliest()
    page = client.get(admin_url(Article, "simple_history", karabakh.pk, version.history_id))
    assert page.status_code == 200
    assert page.context["revert_disabled"]
    assert 'value="Revert"' not in page.content.decode()


def test_the_archivist_is_offered_revert_restore_and_merge(client, roles, karabakh):
    staff_client(client, ARCHIVIST, roles)
    speaker_list = client.get(admin_url(Speaker, "changelist"))
    assert 'value="merge_speakers"' in speaker_list.content.decode()
    assert admin_url(Speaker, "deleted") in speaker_list.content.decode()
    version = karabakh.history.earliest()
    page = client.get(admin_url(Article, "simple_history", karabakh.pk, version.history_id))
    assert 'value="Revert"' in page.content.decode()
