"""Writes about people and organisations. Keyword-only, atomic; e-mail goes out after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import tokens
from .models import Membership, Organisation, OrganisationInvitation, User


class PartnersError(Exception):
    """A refused action; `message` is shown to the user."""

    message = _("This action is not possible.")
    reason = "refused"

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class DuplicateEmail(PartnersError):
    message = _(
        "An account with this e-mail address already exists. Sign in or reset your password."
    )
    reason = "duplicate"


class LinkExpired(PartnersError):
    message = _("This link has expired. Ask for a new one.")
    reason = "expired"


class LinkUsed(PartnersError):
    message = _("This link has already been used. It works only once.")
    reason = "used"


class LinkInvalid(PartnersError):
    message = _("This link is not valid. Check that you copied the whole address.")
    reason = "invalid"


class InvitationDeclined(PartnersError):
    message = _("This invitation has been declined and can no longer be used.")
    reason = "declined"


class InvitationRevoked(PartnersError):
    message = _("This invitation has been withdrawn by the organisation.")
    reason = "revoked"


class WrongAccount(PartnersError):
    message = _(
        "This invitation was sent to another e-mail address. Sign in with that address to accept it."
    )
    reason = "wrong_account"


class LastOwnerError(PartnersError):
    message = _(
        "An organisation must always have at least one owner. Make another member an owner first."
    )
    reason = "last_owner"


class AlreadyMember(PartnersError):
    message = _("This person is already a member of the organisation.")
    reason = "already_member"


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_taken(email: str, *, exclude_user=None) -> bool:
    users = User.objects.filter(email__iexact=normalise_email(email))
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
    return users.exists()


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send_template_mail(*, to: str, language: str, subject, template: str, context: dict) -> None:
    with translation.override(language):
        subject_text = str(subject)
        body = render_to_string(template, {**context, "site_url": settings.SITE_URL})
    send_mail(subject_text, body, None, [to])


def _url_in_language(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


# --- People -----------------------------------------------------------------------------


def user_register(
    *,
    email: str,
    password: str,
    display_name: str,
    preferred_language: str,
    send_verification: bool = True,
) -> User:
    """Create an unverified account and (unless told not to) send it a verification link."""
    email = normalise_email(email)
    if email_taken(email):
        raise DuplicateEmail
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                display_name=display_name.strip(),
                preferred_language=preferred_language,
            )
    except IntegrityError as exc:  # a concurrent registration won the race
        raise DuplicateEmail from exc
    if send_verification:
        transaction.on_commit(lambda: send_verification_email(user=user))
    return user


def registration_request(
    *, email: str, password: str, display_name: str, preferred_language: str
) -> User | None:
    """Register a new address; for one that already has an account create and change nothing
    and tell its owner by mail instead (None). The caller answers both alike, so the form does
    not tell who has an account."""
    try:
        return user_register(
            email=email,
            password=password,
            display_name=display_name,
            preferred_language=preferred_language,
        )
    except DuplicateEmail:
        owner = User.objects.filter(email__iexact=normalise_email(email)).first()
        if owner is not None:
            transaction.on_commit(lambda: send_account_exists_email(user=owner))
        return None


def send_account_exists_email(*, user: User) -> None:
    lang = user.preferred_language
    _send_template_mail(
        to=user.email,
        language=lang,
        subject=_("You already have a Tori account"),
        template="partners/email/account_exists.txt",
        context={
            "user": user,
            "login_link": _url_in_language(lang, "partners:login"),
            "reset_link": _url_in_language(lang, "partners:password-reset"),
        },
    )


def send_verification_email(*, user: User) -> None:
    if user.is_verified:
        return
    token = tokens.make_verification_token(user)
    lang = user.preferred_language
    _send_template_mail(
        to=user.email,
        language=lang,
        subject=_("Confirm your e-mail address for Tori"),
        template="partners/email/verify_email.txt",
        context={
            "user": user,
            "link": _url_in_language(lang, "partners:verify-email", token=token),
        },
    )


def verification_resend(*, email: str) -> None:
    """Send a new link if an unverified account has this address; say nothing otherwise."""
    user = User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
    if user is not None and not user.is_verified:
        send_verification_email(user=user)


def email_verification_target(*, token: str, lock: bool = False) -> User:
    """The account a verification link would verify, or a PartnersError saying why not."""
    try:
        claim = tokens.read_verification_token(token)
    except tokens.TokenExpired as exc:
        raise LinkExpired from exc
    except tokens.TokenInvalid as exc:
        raise LinkInvalid from exc
    users = User.objects.select_for_update() if lock else User.objects.all()
    user = users.filter(pk=claim.user_id, is_active=True).first()
    if user is None:
        raise LinkInvalid
    if not tokens.verification_state_matches(user, claim):
        raise LinkUsed
    return user


@transaction.atomic
def email_verify(*, token: str) -> User:
    user = email_verification_target(token=token, lock=True)
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def profile_update(*, user: User, display_name: str, preferred_language: str) -> User:
    user.display_name = display_name.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["display_name", "preferred_language"])
    return user


def email_change_request(*, user: User, new_email: str) -> None:
    """Send a confirmation link to the new address; the old one stays until it is confirmed."""
    new_email = normalise_email(new_email)
    if email_taken(new_email, exclude_user=user):
        raise DuplicateEmail
    token = tokens.make_email_change_token(user, new_email)
    lang = user.preferred_language
    link = _url_in_language(lang, "partners:confirm-email-change", token=token)
    transaction.on_commit(
        lambda: _send_template_mail(
            to=new_email,
            language=lang,
            subject=_("Confirm your new e-mail address for Tori"),
            template="partners/email/email_change.txt",
            context={"user": user, "link": link, "new_email": new_email},
        )
    )


def email_change_target(*, token: str, lock: bool = False) -> tuple[User, str]:
    """The account and new address an e-mail change link names, or a PartnersError saying why not."""
    try:
        claim = tokens.read_email_change_token(token)
    except tokens.TokenExpired as exc:
        raise LinkExpired from exc
    except tokens.TokenInvalid as exc:
        raise LinkInvalid from exc
    users = User.objects.select_for_update() if lock else User.objects.all()
    user = users.filter(pk=claim.user_id, is_active=True).first()
    if user is None:
        raise LinkInvalid
    if user.email != claim.old_email:
        raise LinkUsed
    if email_taken(claim.new_email, exclude_user=user):
        raise DuplicateEmail
    return user, claim.new_email


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    user, new_email = email_change_target(token=token, lock=True)
    user.email = new_email
    user.email_verified_at = timezone.now()
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "email_verified_at"])
    except IntegrityError as exc:
        raise DuplicateEmail from exc
    return user


# --- Organisations ----------------------------------------------------------------------

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "business_id",
    "city",
    "website",
    "description",
    "capabilities",
    "language",
    "translations",
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, creator: User, **fields) -> Organisation:
    """Create an organisation; its creator becomes its first owner."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    translations = fields.pop("translations", None)
    organisation = Organisation(**fields)
    organisation.set_translations(translations)
    organisation.slug = _unique_slug(organisation.name)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=creator, role=Membership.Role.OWNER)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    for name, value in fields.items():
        if name not in ORGANISATION_FIELDS:
            raise TypeError(f"Unknown organisation field: {name}")
        if name != "translations":
            setattr(organisation, name, value)
    if "translations" in fields:
        organisation.set_translations(fields["translations"])
    organisation.full_clean()
    organisation.save()
    return organisation


def _owner_count(organisation: Organisation) -> int:
    # Callers lock the organisation's memberships first, so two owners cannot leave at once.
    return Membership.objects.filter(organisation=organisation, role=Membership.Role.OWNER).count()


def _lock_memberships(organisation: Organisation) -> None:
    list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def membership_add(
    *, organisation: Organisation, user: User, role: str = Membership.Role.MEMBER
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created:
        raise AlreadyMember
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a member (or let a member leave); never the last owner."""
    _lock_memberships(membership.organisation)
    membership.refresh_from_db()
    if membership.role == Membership.Role.OWNER and _owner_count(membership.organisation) <= 1:
        raise LastOwnerError
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Promote to owner or demote to member; an organisation keeps at least one owner."""
    if role not in Membership.Role.values:
        raise ValueError(role)
    _lock_memberships(membership.organisation)
    membership.refresh_from_db()
    if (
        membership.role == Membership.Role.OWNER
        and role != Membership.Role.OWNER
        and _owner_count(membership.organisation) <= 1
    ):
        raise LastOwnerError
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def ownership_hand_over(*, from_membership: Membership, to_membership: Membership) -> None:
    """Make another member the owner and the current owner a member."""
    if from_membership.organisation_id != to_membership.organisation_id:
        raise PartnersError
    membership_set_role(membership=to_membership, role=Membership.Role.OWNER)
    membership_set_role(membership=from_membership, role=Membership.Role.MEMBER)


# --- Invitations ------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, invited_by: User, email: str, role: str = Membership.Role.MEMBER
) -> OrganisationInvitation:
    email = normalise_email(email)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise AlreadyMember
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    invitee = User.objects.filter(email__iexact=email).first()
    language = (
        invitee.preferred_language
        if invitee
        else (translation.get_language() or settings.LANGUAGE_CODE)
    )
    token = tokens.make_invitation_token(invitation)
    link = _url_in_language(language, "partners:invitation", token=token)
    transaction.on_commit(
        lambda: _send_template_mail(
            to=email,
            language=language,
            subject=_("You are invited to join %(organisation)s on Tori")
            % {"organisation": organisation.name},
            template="partners/email/invitation.txt",
            context={
                "invitation": invitation,
                "organisation": organisation,
                "inviter": invited_by,
                "link": link,
            },
        )
    )
    return invitation


def invitation_from_token(token: str, *, lock: bool = False) -> OrganisationInvitation:
    """The pending invitation the token names, or a PartnersError saying why it cannot be used."""
    try:
        pk, email = tokens.read_invitation_token(token)
    except tokens.TokenExpired as exc:
        raise LinkExpired(
            _("This invitation has expired. Ask the organisation to invite you again.")
        ) from exc
    except tokens.TokenInvalid as exc:
        raise LinkInvalid from exc
    invitations = OrganisationInvitation.objects.select_related("organisation", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=pk, email=email).first()
    if invitation is None:
        raise LinkInvalid
    status = OrganisationInvitation.Status
    if invitation.status == status.ACCEPTED:
        raise LinkUsed(_("This invitation has already been accepted. It works only once."))
    if invitation.status == status.DECLINED:
        raise InvitationDeclined
    if invitation.status == status.REVOKED:
        raise InvitationRevoked
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    invitation = invitation_from_token(token, lock=True)
    if normalise_email(user.email) != invitation.email:
        raise WrongAccount
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if (
        not created
        and invitation.role == Membership.Role.OWNER
        and membership.role != Membership.Role.OWNER
    ):
        membership.role = Membership.Role.OWNER
        membership.save(update_fields=["role"])
    invitation.status = OrganisationInvitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    if not user.is_verified:
        # The link reached this address, so the address is the user's.
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return membership


@transaction.atomic
def invitation_decline(*, token: str) -> OrganisationInvitation:
    invitation = invitation_from_token(token, lock=True)
    invitation.status = OrganisationInvitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: OrganisationInvitation) -> None:
    if invitation.status == OrganisationInvitation.Status.PENDING:
        invitation.status = OrganisationInvitation.Status.REVOKED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
