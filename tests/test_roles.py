"""The Archivist, Editor and Viewer roles, tried through the admin's own URLs."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from clippings.models import Article, Quote, Speaker
from clippings.roles import ARCHIVIST, CLIPPING_MODELS, EDITOR, ROLES, VIEWER
from tests.factories import ArticleFactory, ParagraphFactory, QuoteFactory, SpeakerFactory
from tests.test_admin import submitted

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
