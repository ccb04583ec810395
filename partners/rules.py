"""Permission rules about people and organisations. One function per rule.

Views, templates, the API and search all ask these functions; nothing re-checks roles elsewhere.
"""

from django.contrib.auth.models import AnonymousUser

EDITORS = "Editors"
MODERATORS = "Moderators"
EVALUATORS = "Evaluators"


def _group_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_tori_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._tori_group_names = cached
    return cached


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_verified(user) -> bool:
    """A resident: signed in with a verified e-mail address."""
    return is_signed_in(user) and user.is_verified


def is_editor(user) -> bool:
    return is_signed_in(user) and (user.is_superuser or EDITORS in _group_names(user))


def is_moderator(user) -> bool:
    return is_signed_in(user) and (user.is_superuser or MODERATORS in _group_names(user))


def is_staff_member(user) -> bool:
    """Staff: Wagtail editors and moderators (and superusers)."""
    return is_editor(user) or is_moderator(user)


def is_evaluator(user) -> bool:
    return is_signed_in(user) and EVALUATORS in _group_names(user)


def anonymous() -> AnonymousUser:
    return AnonymousUser()
