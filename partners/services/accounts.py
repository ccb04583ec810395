"""Accounts: registration, e-mail verification, the profile and e-mail change."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import tokens
from ..models import User
from .errors import DuplicateEmail, LinkInvalid, LinkUsed, read_link_token
from .mail import send_template_mail, url_in_language


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_taken(email: str, *, exclude_user=None) -> bool:
    users = User.objects.filter(email__iexact=normalise_email(email))
    if exclude_user is not None:
        users = users.exclude(pk=exclude_user.pk)
    return users.exists()


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
    send_template_mail(
        to=user.email,
        language=lang,
        subject=_("You already have a Tori account"),
        template="partners/email/account_exists",
        context={
            "user": user,
            "login_link": url_in_language(lang, "partners:login"),
            "reset_link": url_in_language(lang, "partners:password-reset"),
        },
    )


def send_verification_email(*, user: User) -> None:
    if user.is_verified:
        return
    token = tokens.make_verification_token(user)
    lang = user.preferred_language
    send_template_mail(
        to=user.email,
        language=lang,
        subject=_("Confirm your e-mail address for Tori"),
        template="partners/email/verify_email",
        context={
            "user": user,
            "link": url_in_language(lang, "partners:verify-email", token=token),
        },
    )


def verification_resend(*, email: str) -> None:
    """Send a new link if an unverified account has this address; say nothing otherwise."""
    user = User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
    if user is not None and not user.is_verified:
        send_verification_email(user=user)


def _link_account(user_id: int, *, lock: bool) -> User:
    """The active account a link names (locked for update if asked), or LinkInvalid."""
    users = User.objects.select_for_update() if lock else User.objects.all()
    user = users.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise LinkInvalid
    return user


def email_verification_target(*, token: str, lock: bool = False) -> User:
    """The account a verification link would verify, or a PartnersError saying why not."""
    claim = read_link_token(tokens.read_verification_token, token)
    user = _link_account(claim.user_id, lock=lock)
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
def profile_update(
    *, user: User, display_name: str, preferred_language: str, prefers_easy_read: bool = False
) -> User:
    user.display_name = display_name.strip()
    user.preferred_language = preferred_language
    user.prefers_easy_read = prefers_easy_read
    user.save(update_fields=["display_name", "preferred_language", "prefers_easy_read"])
    return user


def email_change_request(*, user: User, new_email: str) -> None:
    """Send a confirmation link to the new address; the old one stays until it is confirmed."""
    new_email = normalise_email(new_email)
    if email_taken(new_email, exclude_user=user):
        raise DuplicateEmail
    token = tokens.make_email_change_token(user, new_email)
    lang = user.preferred_language
    link = url_in_language(lang, "partners:confirm-email-change", token=token)
    transaction.on_commit(
        lambda: send_template_mail(
            to=new_email,
            language=lang,
            subject=_("Confirm your new e-mail address for Tori"),
            template="partners/email/email_change",
            context={"user": user, "link": link, "new_email": new_email},
        )
    )


def email_change_target(*, token: str, lock: bool = False) -> tuple[User, str]:
    """The account and new address an e-mail change link names, or a PartnersError saying why not."""
    claim = read_link_token(tokens.read_email_change_token, token)
    user = _link_account(claim.user_id, lock=lock)
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
