"""The person a staff member enters something for (by phone or in person, with consent).

What staff enter on a person's behalf belongs to that person's own account, so it counts once
like anything they do themselves (one vote per person and proposal, their votes' limit), shows
under the name they gave, is theirs to see, withdraw or erase, and is in their data download.
A person without an account gets one: staff confirm the e-mail address with the person, the
account has no password until the person chooses one, and a notice tells them at once what was
entered and how to sign in. The staff member and the consent are recorded with each entry and
in the audit log."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import rules
from ..models import User
from .accounts import normalise_email
from .errors import PartnersError

ACCOUNT_FOR_PERSON_ACTION = "tori.account_for_person"
ADDRESS_CONFIRMED_ACTION = "tori.address_confirmed_by_staff"


class OnBehalfRefused(PartnersError):
    """An entry on a person's behalf that cannot be made; `field` names the form field."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def person_for_entry(*, by, email: str, name: str, language: str, consent: bool):
    """(the person's account, created?) for an entry `by` makes on their behalf.

    An existing account is used as it is, and its address counts as confirmed: the staff
    member confirmed it with the person. A closed account is refused. Without consent nothing
    is entered."""
    if not rules.can_enter_on_behalf(by):
        raise OnBehalfRefused(_("Only staff can enter something on a person's behalf."))
    if not consent:
        raise OnBehalfRefused(
            _("Enter it only when the person has consented."), field="entry_consent"
        )
    email = normalise_email(email)
    if not email:
        raise OnBehalfRefused(_("Enter the person's e-mail address."), field="email")
    person = User.objects.filter(email__iexact=email).first()
    if person is not None:
        if not person.is_active:
            raise OnBehalfRefused(
                _("This person's account is closed: nothing can be entered for it."),
                field="email",
            )
        if person.email_verified_at is None:
            User.objects.filter(pk=person.pk).update(email_verified_at=timezone.now())
            person.email_verified_at = timezone.now()
            log(instance=person, action=ADDRESS_CONFIRMED_ACTION, user=by)
        return person, False
    name = (name or "").strip()
    if not name:
        raise OnBehalfRefused(
            _("This address has no account yet: enter the name the person wants to be shown."),
            field="name",
        )
    try:
        with transaction.atomic():
            person = User.objects.create_user(
                email=email,
                password=None,  # no password until the person chooses one
                display_name=name,
                preferred_language=language,
                email_verified_at=timezone.now(),
            )
    except IntegrityError:  # the same person entered concurrently
        return User.objects.get(email__iexact=email), False
    log(instance=person, action=ACCOUNT_FOR_PERSON_ACTION, user=by)
    return person, True
