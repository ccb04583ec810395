"""Challenges as things people follow, and the schedule events their followers hear of.

A challenge and its translations are one item: people follow the copy in the default language,
whatever language they followed it in. Voting opening and the results being published are not
anyone's action but the clock's: `announce_due` (run by the scheduled `send_notices` command)
tells followers of the boundaries passed in the last `ANNOUNCE_WINDOW`; each event is recorded
once, so running it again tells no one twice, and a newly installed Tori does not announce a
challenge's history.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from partners import notices as following
from partners.models import NoticeEvent

from . import cache
from .localize import localized
from .models import ChallengePage
from .selectors import url_in_active_language

ANNOUNCE_WINDOW = timedelta(days=3)


def _in(language):
    return translation.override(language or translation.get_language())


def challenge_title(challenge, language=None) -> str:
    with _in(language):
        return localized(challenge).title


def challenge_path(challenge, language=None) -> str:
    with _in(language):
        return url_in_active_language(localized(challenge))


def can_view_challenge(user, challenge) -> bool:
    """A live challenge outside any private section is public."""
    return challenge.live and not challenge.is_view_restricted


def default_copy(challenge):
    """The challenge in the default language (proposals attach to it), else itself."""
    if challenge.locale_id == cache.default_locale().pk:
        return challenge  # no query for the copy nearly every follow and event is about
    return (
        ChallengePage.objects.filter(
            translation_key=challenge.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        ).first()
        or challenge
    )


def register() -> None:
    following.register(
        ChallengePage,
        can_view=can_view_challenge,
        title=challenge_title,
        path=challenge_path,
        label=_("Challenge"),
        canonical=default_copy,
    )


SCHEDULE_EVENTS = (
    (
        "voting_open",
        NoticeEvent.Kind.VOTING_OPENED,
        _("Voting is open: “%(challenge)s”"),
        _(
            "Voting on the proposals for “%(challenge)s” is open until %(until)s. Read the "
            "proposals and vote for the ones you would like to see piloted."
        ),
    ),
    (
        "evaluation_end",
        NoticeEvent.Kind.RESULTS_PUBLISHED,
        _("Results of “%(challenge)s” are published"),
        _(
            "The evaluation of the challenge “%(challenge)s” is over. Read which proposals were "
            "selected for pilots."
        ),
    ),
)


def _until(challenge):
    from django.utils.formats import date_format

    def text(language):
        with translation.override(language):
            if challenge.voting_close is None:
                return ""
            return date_format(timezone.localtime(challenge.voting_close), "SHORT_DATETIME_FORMAT")

    return text


def announce_due(*, now=None, window: timedelta = ANNOUNCE_WINDOW) -> int:
    """Tell followers of challenges whose voting opened or whose results were published in the
    last `window`; returns how many events were new."""
    now = now or timezone.now()
    since = now - window
    announcements = []
    for field, kind, subject, body in SCHEDULE_EVENTS:
        due = ChallengePage.objects.live().filter(
            locale__language_code=settings.LANGUAGE_CODE,
            **{f"{field}__gt": since, f"{field}__lte": now},
        )
        if field == "voting_open":  # voting that is already over is not news
            due = due.filter(voting_close__gt=now)
        for challenge in due:
            if not can_view_challenge(None, challenge):
                continue
            announcements.append(
                following.Announcement(
                    key=f"challenge:{challenge.pk}:{kind}",
                    kind=kind,
                    subject=challenge,
                    about=[challenge],
                    title=subject,
                    body=body,
                    params={
                        "challenge": lambda language, c=challenge: challenge_title(c, language),
                        "until": _until(challenge),
                    },
                    path=lambda language, c=challenge: challenge_path(c, language),
                    group=challenge,
                    group_title=lambda language, c=challenge: challenge_title(c, language),
                )
            )
    told = set(
        NoticeEvent.objects.filter(key__in=[a.key for a in announcements]).values_list(
            "key", flat=True
        )
    )
    following.publish(announcements)
    return len({a.key for a in announcements} - told)
