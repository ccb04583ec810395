"""Permission rules about pilots, feedback and offerings. One function per rule.

Views, templates and the admin ask these functions; nothing re-checks roles elsewhere.
"""

from cms.phases import Phase
from ideas import rules as ideas_rules
from partners import rules as partner_rules

from .models import PilotOutcome, PilotStage

FEEDBACK_STAGES = (PilotStage.RUNNING, PilotStage.EVALUATING)


def is_pilot_team_member(user, pilot) -> bool:
    """The user is on the team of the proposal the pilot was made from."""
    return ideas_rules.is_team_member(user, pilot.proposal)


def can_manage_pilots(user) -> bool:
    """Create pilots, advance their stage, publish them: staff."""
    return partner_rules.is_staff_member(user)


def can_work_on_pilot(user, pilot) -> bool:
    """The pilot workspace (milestones, indicators, measurements, history): its team and staff."""
    return partner_rules.is_staff_member(user) or is_pilot_team_member(user, pilot)


def can_view_pilot(user, pilot) -> bool:
    """A published pilot is public; an unpublished one is a preview for its team and staff."""
    return pilot.published or can_work_on_pilot(user, pilot)


def can_link_proposal(pilot) -> bool:
    """The pilot page links its proposal only when the proposal is public (never leaks)."""
    return pilot.proposal.is_public


def is_feedback_open(pilot) -> bool:
    return pilot.published and pilot.stage in FEEDBACK_STAGES


def can_give_feedback(user, pilot) -> bool:
    """Verified residents, while a published pilot runs or is evaluated; not the pilot's own team."""
    return (
        is_feedback_open(pilot)
        and partner_rules.is_verified(user)
        and not is_pilot_team_member(user, pilot)
    )


def can_report_feedback(user, feedback) -> bool:
    return (
        partner_rules.is_verified(user) and feedback.user_id != user.pk and not feedback.is_hidden
    )


def can_moderate_feedback(user) -> bool:
    return partner_rules.is_moderator(user)


def is_offering_provider_member(user, offering) -> bool:
    """A member of one of the offering's provider organisations."""
    if not partner_rules.is_signed_in(user):
        return False
    return offering.providers.filter(memberships__user=user).exists()


def can_manage_offerings(user) -> bool:
    return partner_rules.is_staff_member(user)


def can_view_offering(user, offering) -> bool:
    """Published offerings are public; unpublished ones only for staff and the providers."""
    return (
        offering.published
        or can_manage_offerings(user)
        or is_offering_provider_member(user, offering)
    )


def can_propose_offering_edit(user, offering) -> bool:
    return partner_rules.is_verified(user) and is_offering_provider_member(user, offering)


def can_view_dashboard(user) -> bool:
    return partner_rules.is_staff_member(user)


def is_procurement_recordable(pilot) -> bool:
    """A procurement follows only a pilot that is completed and whose outcome is adopted."""
    return pilot.stage == PilotStage.COMPLETED and pilot.outcome == PilotOutcome.ADOPTED


def can_record_procurement(user, pilot) -> bool:
    """Record or change how the city buys the service of a completed, adopted pilot: staff."""
    return can_manage_pilots(user) and is_procurement_recordable(pilot)


def public_procurement(offering):
    """The procurement record the public sees on an offering (its section, its reference
    statement, the API): only for a published offering whose published pilot has one."""
    pilot = offering.pilot if offering.pilot_id else None
    if not offering.published or pilot is None or not pilot.published:
        return None
    return getattr(pilot, "procurement", None)


BREAKDOWN_PHASES = (Phase.PILOTING, Phase.CLOSED)


def is_vote_breakdown_public(challenge) -> bool:
    """A challenge's votes by customer group and channel are published (suppressed) once
    the challenge is closed to participation: its evaluation has ended (piloting or closed)."""
    return challenge.phase in BREAKDOWN_PHASES


def is_pilot_breakdown_public(pilot) -> bool:
    """A published pilot's feedback and testers by customer group (suppressed) are public
    from the moment it runs."""
    return pilot.published and pilot.stage != PilotStage.PLANNED


def can_view_breakdowns(user) -> bool:
    """The staff analytics of breakdowns (still only suppressed figures): staff."""
    return partner_rules.is_staff_member(user)


def is_testing_open(pilot) -> bool:
    """Residents sign up to test a published pilot while it runs."""
    return pilot.published and pilot.stage == PilotStage.RUNNING


def can_sign_up_to_test(user, pilot) -> bool:
    """Verified residents, while the pilot runs; not the pilot's own team."""
    return (
        is_testing_open(pilot)
        and partner_rules.is_verified(user)
        and not is_pilot_team_member(user, pilot)
    )


def can_cancel_tester_signup(user, signup) -> bool:
    """One's own active sign-up, at any time."""
    return (
        partner_rules.is_signed_in(user)
        and signup.user_id == user.pk
        and signup.cancelled_at is None
    )


def can_manage_tester_slots(user, pilot) -> bool:
    """Offer testing slots and see the sign-ups: the pilot's team and staff."""
    return can_work_on_pilot(user, pilot)


def tester_contact_visible(signup) -> bool:
    """The team sees a tester's name, contact and access needs only if they agreed to be
    contacted; everyone else only as a count."""
    return signup.may_contact


def can_enter_on_behalf(user) -> bool:
    """Enter feedback on a person's behalf (by phone or in person, with their consent)."""
    return partner_rules.can_enter_on_behalf(user)


def can_download_posters(user, pilot) -> bool:
    """The venue's QR feedback posters: the pilot's team and staff."""
    return can_work_on_pilot(user, pilot)


def can_import_feedback(user) -> bool:
    """Import paper or kiosk feedback from a CSV file: staff."""
    return partner_rules.is_staff_member(user)


def is_onsite_feedback_open(pilot) -> bool:
    """The on-site form (QR code, kiosk) takes feedback without an account while feedback is
    open; it is reached only through the pilot's signed link."""
    return is_feedback_open(pilot)
