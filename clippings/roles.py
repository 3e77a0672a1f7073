"""The editorial roles, as Django groups: who may read, add, change and delete what.

``setup_roles()`` (run by ``manage.py setup_roles``) gives each group exactly the
permissions below and nothing else, so running it again repairs a group edited by hand.
Permissions are looked up by codename, so the same code covers the history package's
models (``view_historicalarticle``...) once they exist, and simply finds none before.
User management (the ``auth`` app) is left to superusers: no role grants it.
"""

import re

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

ARCHIVIST = "Archivist"
EDITOR = "Editor"
VIEWER = "Viewer"

#: Each role's actions on the clipping models, and on their history records.
ROLES = {
    ARCHIVIST: {
        "help": "Everything on every clipping model, including delete, history and restore.",
        "actions": ("view", "add", "change", "delete"),
        "history_actions": ("view", "add", "change", "delete"),
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


def _codename_pattern(actions, prefix):
    if not actions:
        return None
    models = "|".join(CLIPPING_MODELS)
    return re.compile(rf"^({'|'.join(actions)})_{prefix}({models})$")


def role_permissions(role):
    """The permissions ``role`` should have, as a queryset of ``Permission``."""
    spec = ROLES[role]
    patterns = [
        pattern
        for pattern in (
            _codename_pattern(spec["actions"], ""),
            _codename_pattern(spec["history_actions"], "historical"),
        )
        if pattern
    ]
    candidates = Permission.objects.filter(content_type__app_label=APP_LABEL)
    wanted = [
        pk
        for pk, codename in candidates.values_list("pk", "codename")
        if any(pattern.match(codename) for pattern in patterns)
    ]
    return Permission.objects.filter(pk__in=wanted)


def missing_permissions():
    """Codenames of the clipping models' own permissions that the database lacks.

    They are created by ``migrate``; a role set up without them would be silently weaker.
    """
    expected = {
        f"{action}_{model}"
        for model in CLIPPING_MODELS
        for action in ("view", "add", "change", "delete")
    }
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
