"""What followers hear of pilots and offerings: a pilot planned (once it is public), started
and completed with its outcome, and a service published from a pilot.

The events follow the state, not the write path: after any change to a pilot or offering
(`marketplace.signals`, sent after commit) the stages it has reached are announced, each once
(an event key per pilot and stage), so an admin edit, a workspace action and the demo all tell
followers the same way. A pilot or offering that is not public tells no one outside those who
may see it; nothing names a proposal that is not public.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.notices import challenge_title
from partners import notices as following
from partners.models import NoticeEvent

from ..models import Offering, Pilot, PilotOutcome, PilotStage
from ..rules import can_view_offering, can_view_pilot


def _path(name: str, language=None, **kwargs) -> str:
    with translation.override(language or translation.get_language()):
        return reverse(f"marketplace:{name}", kwargs=kwargs)


def register() -> None:
    following.register(
        Pilot,
        can_view=can_view_pilot,
        title=lambda pilot, language: pilot.text("title", language),
        path=lambda pilot, language: _path("pilot-detail", language, pk=pilot.pk),
        label=_("Pilot"),
    )
    following.register(
        Offering,
        can_view=can_view_offering,
        title=lambda offering, language: offering.text("title", language),
        path=lambda offering, language: _path("offering-detail", language, slug=offering.slug),
        label=_("Service"),
        can_be_followed=False,
    )


STARTED = (PilotStage.RUNNING, PilotStage.EVALUATING, PilotStage.COMPLETED)

PILOT_EVENTS = (
    (
        NoticeEvent.Kind.PILOT_CREATED,
        lambda pilot: True,
        _("A pilot is planned: “%(title)s”"),
        _("A pilot “%(title)s” is planned for the challenge “%(challenge)s”. %(dates)s"),
    ),
    (
        NoticeEvent.Kind.PILOT_STARTED,
        lambda pilot: pilot.stage in STARTED,
        _("The pilot “%(title)s” has started"),
        _("The pilot “%(title)s” for the challenge “%(challenge)s” has started. %(dates)s"),
    ),
    (
        NoticeEvent.Kind.PILOT_COMPLETED,
        lambda pilot: pilot.stage == PilotStage.COMPLETED,
        _("The pilot “%(title)s” is completed"),
        _(
            "The pilot “%(title)s” for the challenge “%(challenge)s” is completed. "
            "Outcome: %(outcome)s"
        ),
    ),
)


def _dates(pilot):
    from django.utils.formats import date_format

    def text(language):
        with translation.override(language):
            if pilot.start_date and pilot.end_date:
                return str(_("Dates: %(start)s–%(end)s.")) % {
                    "start": date_format(pilot.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(pilot.end_date, "SHORT_DATE_FORMAT"),
                }
            return ""

    return text


def _outcome(pilot):
    def text(language):
        with translation.override(language):
            return str(PilotOutcome(pilot.outcome).label) if pilot.outcome else "–"

    return text


def _about(pilot) -> tuple[list, object]:
    proposal = pilot.proposal
    challenge = proposal.challenge if proposal else None
    return [pilot, proposal, challenge], challenge


def pilot_reached(pilot: Pilot) -> list:
    """Announce each stage the (public) pilot has reached and not yet announced."""
    if not pilot.published:
        return []
    pilot = Pilot.objects.select_related("proposal__challenge").get(pk=pilot.pk)
    about, challenge = _about(pilot)
    params = {
        "title": lambda language: pilot.text("title", language),
        "challenge": lambda language: challenge_title(challenge, language) if challenge else "",
        "dates": _dates(pilot),
        "outcome": _outcome(pilot),
    }
    announcements = [
        following.Announcement(
            key=f"pilot:{pilot.pk}:{kind}",
            kind=kind,
            subject=pilot,
            about=about,
            title=subject,
            body=body,
            params=params,
            path=lambda language: _path("pilot-detail", language, pk=pilot.pk),
            group=challenge,
            group_title=(lambda language: challenge_title(challenge, language))
            if challenge
            else None,
        )
        for kind, reached, subject, body in PILOT_EVENTS
        if reached(pilot)
    ]
    return following.publish(announcements)


def offering_published(offering: Offering) -> list:
    """Tell the followers of the pilot, proposal and challenge an offering came from."""
    if not offering.published:
        return []
    offering = Offering.objects.select_related("pilot__proposal__challenge").get(pk=offering.pk)
    about, challenge = _about(offering.pilot) if offering.pilot else ([], None)
    return following.publish(
        [
            following.Announcement(
                key=f"offering:{offering.pk}:published",
                kind=NoticeEvent.Kind.OFFERING_PUBLISHED,
                subject=offering,
                about=about,
                title=_("A new service: “%(title)s”"),
                body=_(
                    "“%(title)s” is now a service in Tori's catalogue%(from)s. Read how to "
                    "use it and who provides it."
                ),
                params={
                    "title": lambda language: offering.text("title", language),
                    "from": lambda language: (
                        _from_pilot(offering.pilot, language) if offering.pilot else ""
                    ),
                },
                path=lambda language: _path("offering-detail", language, slug=offering.slug),
                group=challenge,
                group_title=(lambda language: challenge_title(challenge, language))
                if challenge
                else None,
            )
        ]
    )


def _from_pilot(pilot, language) -> str:
    with translation.override(language):
        return str(_(", from the pilot “%(pilot)s”")) % {"pilot": pilot.text("title", language)}


def on_pilot_changed(sender, instance, **kwargs) -> None:
    pilot_reached(instance)


def on_offering_changed(sender, instance, **kwargs) -> None:
    offering_published(instance)
