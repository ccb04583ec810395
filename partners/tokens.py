"""Signed, expiring, single-use links for e-mail verification, e-mail change and invitations.

Each token signs the state it is meant to change (the address and its verification time), so
once it has been used the state differs and the same link is refused as "already used".
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

VERIFY_SALT = "partners.email-verification"
EMAIL_CHANGE_SALT = "partners.email-change"
INVITATION_SALT = "partners.invitation"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def _stamp(user) -> str:
    return user.email_verified_at.isoformat() if user.email_verified_at else ""


def _read(token: str, *, salt: str, max_age: int, claim):
    """`claim` of the signed payload; TokenExpired, or TokenInvalid for a bad signature or a
    payload `claim` cannot read."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict):
        raise TokenInvalid
    try:
        return claim(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid from exc


def make_verification_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email, "v": _stamp(user)}, salt=VERIFY_SALT)


@dataclass(frozen=True)
class VerificationClaim:
    user_id: int
    email: str
    verified_stamp: str


def read_verification_token(token: str) -> VerificationClaim:
    return _read(
        token,
        salt=VERIFY_SALT,
        max_age=settings.TORI_VERIFICATION_MAX_AGE,
        claim=lambda data: VerificationClaim(int(data["u"]), str(data["e"]), str(data["v"])),
    )


def verification_state_matches(user, claim: VerificationClaim) -> bool:
    return user.email == claim.email and _stamp(user) == claim.verified_stamp


def make_email_change_token(user, new_email: str) -> str:
    return signing.dumps(
        {"u": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )


@dataclass(frozen=True)
class EmailChangeClaim:
    user_id: int
    old_email: str
    new_email: str


def read_email_change_token(token: str) -> EmailChangeClaim:
    return _read(
        token,
        salt=EMAIL_CHANGE_SALT,
        max_age=settings.TORI_VERIFICATION_MAX_AGE,
        claim=lambda data: EmailChangeClaim(int(data["u"]), str(data["old"]), str(data["new"])),
    )


def make_invitation_token(invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def read_invitation_token(token: str) -> tuple[int, str]:
    return _read(
        token,
        salt=INVITATION_SALT,
        max_age=settings.TORI_INVITATION_MAX_AGE,
        claim=lambda data: (int(data["i"]), str(data["e"])),
    )
