"""Permission rules about people and organisations. One function per rule.

Views, templates, the API and search all ask these functions; nothing re-checks roles elsewhere.
"""

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


def can_enter_on_behalf(user) -> bool:
    """Enter a vote, an idea, a comment or feedback on a person's behalf (by phone or in
    person, with their consent): staff. The staff member is recorded with the entry."""
    return is_staff_member(user)


def can_view_deliveries(user) -> bool:
    """The e-mail delivery log (who was sent what, what failed): site administrators only,
    as it names every recipient."""
    return bool(user.is_authenticated and user.is_superuser)


def can_manage_capabilities(user) -> bool:
    """The shared list of capabilities (and its translations) is staff work, in the admin."""
    return is_staff_member(user)


def is_evaluator(user) -> bool:
    return is_signed_in(user) and EVALUATORS in _group_names(user)


# --- Memberships ------------------------------------------------------------------------


def _membership_role(user, organisation) -> str | None:
    """The user's role in the organisation (cached per user object), or None."""
    if not is_signed_in(user) or organisation is None:
        return None
    cache = getattr(user, "_tori_membership_roles", None)
    if cache is None:
        cache = dict(user.memberships.values_list("organisation_id", "role"))
        user._tori_membership_roles = cache
    return cache.get(organisation.pk)


def is_member_of(user, organisation) -> bool:
    return _membership_role(user, organisation) is not None


def is_owner_of(user, organisation) -> bool:
    return _membership_role(user, organisation) == "owner"


def is_partner(user) -> bool:
    """A verified person who belongs to at least one organisation."""
    if not is_verified(user):
        return False
    cache = getattr(user, "_tori_membership_roles", None)
    if cache is None:
        return user.memberships.exists()
    return bool(cache)


# --- Rules about people -----------------------------------------------------------------


def can_take_part(user) -> bool:
    """Vote, comment, report, give feedback: only with a verified e-mail address."""
    return is_verified(user)


def can_edit_profile(user) -> bool:
    return is_signed_in(user)


def can_access_admin(user) -> bool:
    """The Wagtail admin: superusers and members of Editors, Moderators or Evaluators."""
    return is_signed_in(user) and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


# Evaluators evaluate on the public site (the evaluation workspace). In the Wagtail admin they
# reach their dashboard and their account, and sign in and out: Wagtail's page views, choosers,
# reports and bulk actions show titles of unpublished pages to anyone who may open them.
EVALUATOR_ADMIN_VIEWS = frozenset(
    {
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_dismissibles",
        "wagtailadmin_logout",
        "wagtailadmin_login",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)


def can_open_admin_view(user, view_name: str) -> bool:
    """One Wagtail admin view, by its URL name (`resolver_match.view_name`). An evaluator who is
    not also staff opens only EVALUATOR_ADMIN_VIEWS; for everyone else Wagtail's own
    permissions decide."""
    if is_evaluator(user) and not is_staff_member(user):
        return view_name in EVALUATOR_ADMIN_VIEWS
    return True


def can_manage_users(user) -> bool:
    return is_signed_in(user) and user.is_superuser


# --- Rules about organisations ----------------------------------------------------------


def can_view_organisation(user, organisation) -> bool:
    """Organisation profiles are public."""
    return True


def can_create_organisation(user) -> bool:
    return is_verified(user)


def can_edit_organisation(user, organisation) -> bool:
    """Owners edit their organisation's profile; moderators may correct any."""
    return (is_verified(user) and is_owner_of(user, organisation)) or is_moderator(user)


def can_verify_organisation(user) -> bool:
    """Setting `verified` is staff work (moderators), done in the Wagtail admin."""
    return is_moderator(user)


def can_manage_members(user, organisation) -> bool:
    """Remove members, promote, demote, hand over ownership: owners only."""
    return is_verified(user) and is_owner_of(user, organisation)


def can_invite_to_organisation(user, organisation) -> bool:
    return is_verified(user) and is_owner_of(user, organisation)


def can_leave_organisation(user, organisation) -> bool:
    return is_member_of(user, organisation)
