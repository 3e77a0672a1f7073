"""The editorial roles, as Django groups: who may read, add, change and delete what.

``setup_roles()`` (run by ``manage.py setup_roles``) gives each group exactly the
permissions below and nothing else, so running it again repairs a group edited by hand.
Each role's permissions are listed by codename (``change_quote``, ``view_historicalarticle``...),
built from ``CLIPPING_MODELS`` and the role's actions; a codename the database does not have
yet is simply not found. User management (the ``auth`` app) is left to superusers: no role
grants it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

APP_LABEL = "clippings"
#: The models editors work on, by model name. The search index (``quotesearchentry``) is
#: derived data that nobody edits, so it is not among them.
CLIPPING_MODELS = (
    "article",
    "update",
    "paragraph",
    "quote",
    "speaker",
    "speakeralias",
    "source",
    "tag",
    "credit",
)

#: Django's default permissions, which every model has.
ALL_ACTIONS = ("view", "add", "change", "delete")

ARCHIVIST = "Archivist"
EDITOR = "Editor"
VIEWER = "Viewer"

#: Each role's actions on the clipping models, and on their history records.
ROLES = {
    ARCHIVIST: {
        "help": "Everything on every clipping model, including delete, history and restore.",
        "actions": ALL_ACTIONS,
        "history_actions": ALL_ACTIONS,
    },
    EDITOR: {
        "help": "Adds and changes clippings, quotes, speakers and sources; deletes nothing.",
        "actions": ("view", "add", "change"),
        "history_actions": (),
    },
    VIEWER: {
        "help": "Reads the admin; changes nothing.",
        "actions": ("view",),
        "history_actions": (),
    },
}


def codenames(actions, prefix=""):
    """``<action>_<prefix><model>`` for each action and clipping model: ``view_historicalquote``."""
    return [f"{action}_{prefix}{model}" for action in actions for model in CLIPPING_MODELS]


def role_codenames(role):
    """The codenames of the permissions ``role`` should have."""
    spec = ROLES[role]
    return codenames(spec["actions"]) + codenames(spec["history_actions"], prefix="historical")


def role_permissions(role):
    """The permissions ``role`` should have, as a queryset of ``Permission``."""
    return Permission.objects.filter(
        content_type__app_label=APP_LABEL, codename__in=role_codenames(role)
    )


def missing_permissions():
    """Codenames of the clipping models' own permissions that the database lacks.

    They are created by ``migrate``; a role set up without them would be silently weaker.
    """
    expected = set(codenames(ALL_ACTIONS))
    present = set(
        Permission.objects.filter(
            content_type__app_label=APP_LABEL, codename__in=expected
        ).values_list("codename", flat=True)
    )
    return sorted(expected - present)


@transaction.atomic
def setup_roles():
    """Create the role groups and set exactly their permissions. Idempotent.

    Returns ``{role: (group, created, permission count)}``.
    """
    result = {}
    for role in ROLES:
        group, created = Group.objects.get_or_create(name=role)
        permissions = list(role_permissions(role))
        group.permissions.set(permissions)
        result[role] = (group, created, len(permissions))
    return result
