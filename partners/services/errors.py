"""The refusals the partners services raise, each with the message shown to the user and a
`reason` the link pages tell apart."""

from django.utils.translation import gettext_lazy as _

from .. import tokens


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


def read_link_token(read, token: str, *, expired: LinkExpired | None = None):
    """What `read` (a reader in `partners.tokens`) finds in a mailed link's token; an expired
    token raises `expired` (LinkExpired unless given), a broken one LinkInvalid."""
    try:
        return read(token)
    except tokens.TokenExpired as exc:
        raise (expired or LinkExpired()) from exc
    except tokens.TokenInvalid as exc:
        raise LinkInvalid from exc
