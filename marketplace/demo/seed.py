"""Demo pilots and offerings, built through the services (see `manage.py seed_demo`).

The texts are in `content.py`: each pilot is made from its own demo proposal (a selected
proposal of a challenge in its piloting or closed phase), with dates inside the challenge's
piloting period, and texts, milestones and indicators in fi, sv and en; feedback comes from
the challenge's customer groups. Idempotent: a proposal that has a pilot and an offering slug
that exists are skipped. Written defensively for other data: when a stage has no pilot yet,
a selected (or submitted, then selected) proposal of a challenge in piloting or closed is
made a pilot from its own title and summary; providers, customer groups and themes fall back
to those that exist; with no proposals it returns quietly.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from cms.models import ChallengePage, CustomerGroup, Theme
from cms.notices import announce_due
from ideas.demo.content import BY_KEY
from ideas.models import Proposal, ProposalStatus
from ideas.rules import is_team_member
from ideas.services.workflow import TransitionError, change_status
from marketplace.models import Feedback, Offering, Pilot, PilotOutcome, PilotStage
from marketplace.services import feedback as feedback_services
from marketplace.services import offerings as offering_services
from marketplace.services import pilots as pilot_services
from marketplace.services import workspace as workspace_services
from partners.demo import ACCOUNTS, demo_residents
from partners.models import Organisation
from partners.rules import EDITORS

from .attach import attach_demo_images
from .channels import seed_channels
from .content import (
    GENERIC_FEEDBACK,
    GENERIC_INDICATORS,
    GENERIC_MILESTONE,
    LANGUAGES,
    MILESTONES,
    OFFERINGS,
    PILOTS,
    VENUES,
    texts,
)
from .easy_read import seed_easy_read
from .history import backdate_selection, feedback_time, set_history
from .insight import seed_insight
from .procurement import seed_procurement

PILOT_PHASES = ("piloting", "closed")
STAGE_ORDER = [PilotStage.PLANNED, PilotStage.RUNNING, PilotStage.EVALUATING, PilotStage.COMPLETED]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(f"  {text}")


def _staff_user():
    User = get_user_model()
    return (
        User.objects.filter(email=ACCOUNTS["editor"][0]).first()
        or User.objects.filter(groups__name=EDITORS).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _piloting(challenge) -> bool:
    return challenge.phase in PILOT_PHASES


def _dates(stage, challenge, today):
    """Start and end inside the challenge's piloting period, as the stage needs them."""
    first, last = challenge.evaluation_end.date(), challenge.pilots_end.date()
    if stage == PilotStage.PLANNED:
        start = min(max(first, today + timedelta(days=2)), last)
        return start, last
    if stage in (PilotStage.EVALUATING, PilotStage.COMPLETED):
        return first, max(first, min(last, today - timedelta(days=1)))
    return first, max(last, first)


def _fill_pilot(pilot, *, staff, spec, stage):
    today = date.today()
    length = (pilot.end_date - pilot.start_date).days
    own = spec.get("milestone", GENERIC_MILESTONE)
    for titles, share in MILESTONES:
        title, translations = texts([titles or own], pilot.language, ("title",))
        due = pilot.start_date + timedelta(days=round(length * share))
        workspace_services.milestone_save(
            pilot=pilot,
            by=staff,
            title=title[0],
            due_date=due,
            done_date=due if due <= today else None,
            translations=translations,
        )
    last = min(pilot.end_date, today)
    days = [
        pilot.start_date + timedelta(days=n)
        for n in range(0, (last - pilot.start_date).days + 1, max(1, length // 6))
    ]
    # The evaluating pilot falls short, to show an indicator behind target.
    reach = Decimal("0.6") if stage == PilotStage.EVALUATING else Decimal("1.05")
    for names, units, baseline, target, higher in spec.get("indicators", GENERIC_INDICATORS):
        (name, unit), translations = texts([names, units], pilot.language, ("name", "unit"))
        indicator = workspace_services.indicator_save(
            pilot=pilot,
            by=staff,
            name=name,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            higher_is_better=higher,
            translations=translations,
        )
        for day in days:
            progress = Decimal((day - pilot.start_date).days) / Decimal(max(1, length))
            value = Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * progress * reach
            workspace_services.measurement_add(
                indicator=indicator, by=staff, date=day, value=value.quantize(Decimal(1))
            )


def _give_feedback(pilot, residents, entries):
    groups = list(CustomerGroup.objects.filter(challenges=pilot.proposal.challenge).order_by("pk"))
    outsiders = [r for r in residents if not is_team_member(r, pilot.proposal)]
    used = set()
    for i, (language, rating, comment, *group_slug) in enumerate(entries):
        resident = next(
            (r for r in outsiders if r.pk not in used and r.preferred_language == language),
            next((r for r in outsiders if r.pk not in used), None),
        )
        if resident is None:
            return
        used.add(resident.pk)
        group = next((g for g in groups if group_slug and g.slug == group_slug[0]), None)
        feedback = feedback_services.feedback_give(
            pilot=pilot,
            user=resident,
            rating=rating,
            comment=comment,
            customer_group=group or (groups[i % len(groups)] if groups else None),
        )
        # Given while the pilot ran, spread over its days.
        when = feedback_time(pilot, i, len(entries))
        Feedback.objects.filter(pk=feedback.pk).update(created_at=when)


def _make_pilot(proposal, spec, *, stage, staff, residents, stdout, index):
    language = spec["language"]
    (title, summary, venue), translations = texts(
        [spec["title"], spec["summary"], VENUES[spec["venue"]]],
        language,
        ("title", "public_summary", "venue"),
    )
    start, end = _dates(stage, proposal.challenge, date.today())
    pilot = pilot_services.pilot_create(
        proposal=proposal,
        by=staff,
        title=title,
        venue=venue,
        start_date=start,
        end_date=end,
        budget_eur=spec.get("budget_eur", 5000 * (index + 1)),
        public_summary=summary,
        published=True,
        language=language,
        translations=translations,
    )
    _fill_pilot(pilot, staff=staff, spec=spec, stage=stage)
    if stage != PilotStage.PLANNED:
        pilot_services.pilot_advance(pilot=pilot, to_stage=PilotStage.RUNNING, by=staff)
        _give_feedback(pilot, residents, spec.get("feedback", GENERIC_FEEDBACK))
    if stage in (PilotStage.EVALUATING, PilotStage.COMPLETED):
        pilot_services.pilot_advance(pilot=pilot, to_stage=PilotStage.EVALUATING, by=staff)
    if stage == PilotStage.COMPLETED:
        pilot_services.pilot_advance(
            pilot=pilot,
            to_stage=PilotStage.COMPLETED,
            by=staff,
            outcome=spec.get("outcome", PilotOutcome.ADOPTED),
        )
    set_history(pilot)
    _say(stdout, f"pilot ({stage}): {title}\n")
    return pilot


def _demo_proposal(key):
    slug, spec = BY_KEY[key]
    return (
        Proposal.objects.filter(
            challenge__slug=slug, title=spec["title"], status=ProposalStatus.SELECTED
        )
        .select_related("challenge")
        .first()
    ), spec


def _from_proposal(proposal):
    """A pilot's texts from its own proposal (for proposals that are not the demo's)."""
    tr = proposal.translations or {}
    triple = {}
    for field, source in (("title", "title"), ("summary", "summary")):
        by_code = {code: tr.get(code, {}).get(source) for code in LANGUAGES}
        by_code[proposal.language] = getattr(proposal, source)
        fallback = getattr(proposal, source)
        triple[field] = tuple(by_code[code] or fallback for code in LANGUAGES)
    return {"language": proposal.language, "venue": "kamu", **triple}


def _candidates(staff, stdout):
    """Selected proposals without a pilot in challenges in piloting or closed; submitted or
    shortlisted ones there are selected through the workflow when none are left."""
    in_phase = [
        c.pk for c in ChallengePage.objects.live().order_by("pk") if c.phase in PILOT_PHASES
    ]
    base = Proposal.objects.filter(challenge__in=in_phase, pilot__isnull=True)
    yield from base.filter(status=ProposalStatus.SELECTED).order_by("pk")
    for proposal in base.filter(
        status__in=[ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED]
    ).order_by("-vote_count", "pk"):
        try:
            change = change_status(
                proposal=proposal,
                to_status=ProposalStatus.SELECTED,
                by=staff,
                reason="Valittu kokeiltavaksi.",
            )
        except TransitionError:
            continue
        backdate_selection(change, proposal.challenge)
        _say(stdout, f"selected proposal for a pilot: {proposal.title}\n")
        yield proposal


def _seed_pilots(*, staff, stdout):
    residents = demo_residents()
    for index, spec in enumerate(PILOTS):
        proposal, proposal_spec = _demo_proposal(spec["proposal"])
        if proposal is None or Pilot.objects.filter(proposal=proposal).exists():
            continue
        if not _piloting(proposal.challenge):
            continue
        _make_pilot(
            proposal,
            {**spec, "language": proposal_spec["language"]},
            stage=spec["stage"],
            staff=staff,
            residents=residents,
            stdout=stdout,
            index=index,
        )
    existing = set(Pilot.objects.values_list("stage", flat=True))
    missing = [stage for stage in STAGE_ORDER if stage not in existing]
    if not missing:
        return
    made = 0
    candidates = _candidates(staff, stdout)
    for stage, proposal in zip(missing, candidates, strict=False):
        proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
        _make_pilot(
            proposal,
            _from_proposal(proposal),
            stage=stage,
            staff=staff,
            residents=residents,
            stdout=stdout,
            index=STAGE_ORDER.index(stage),
        )
        made += 1
    if not made and not Pilot.objects.exists():
        _say(stdout, "no proposals to pilot: skipping pilots\n")


def _seed_offerings(*, staff, stdout):
    locale = Locale.get_default()
    groups = list(CustomerGroup.objects.filter(locale=locale).order_by("pk"))
    themes = list(Theme.objects.filter(locale=locale).order_by("pk"))
    orgs = list(Organisation.objects.order_by("pk"))
    if len(orgs) < 2:
        _say(stdout, "fewer than two organisations: skipping offerings\n")
        return
    by_name = {org.name: org for org in orgs}
    made = 0
    for i, spec in enumerate(OFFERINGS):
        if Offering.objects.filter(slug=spec["slug"]).exists():
            continue
        pilot = None
        if spec["pilot"]:
            proposal, _spec = _demo_proposal(spec["pilot"])
            pilot = Pilot.objects.filter(proposal=proposal).first() if proposal else None
            if pilot is None:  # not the demo's proposals: a completed pilot without offering
                pilot = Pilot.objects.filter(
                    stage=PilotStage.COMPLETED, offerings__isnull=True
                ).first()
        providers = [by_name[name].pk for name in spec["providers"] if name in by_name]
        if len(providers) < len(spec["providers"]):
            providers = [orgs[i % len(orgs)].pk, orgs[(i + 1) % len(orgs)].pk]
        my_groups = [g for g in groups if g.slug in spec["groups"]]
        if len(my_groups) < len(spec["groups"]):
            # Round-robin so that every customer group is served by at least one offering.
            my_groups = [g for n, g in enumerate(groups) if n % len(OFFERINGS) == i]
            my_groups += groups[i : i + 1]
        my_themes = [t for t in themes if t.slug in spec["themes"]] or themes[i : i + 1]
        (title, summary, description), translations = texts(
            [spec["title"], spec["summary"], spec["description"]],
            spec["language"],
            ("title", "summary", "description"),
        )
        offering_services.offering_create(
            by=staff,
            slug=spec["slug"],
            title=title,
            summary=summary,
            description=description,
            providers=sorted(set(providers)),
            customer_groups=my_groups,
            themes=my_themes,
            cities=spec["cities"],
            languages=spec["languages"],
            price_model=spec["price_model"],
            contact_email="palvelut@kamu.example",
            pilot=pilot,
            published=True,
            language=spec["language"],
            translations=translations,
        )
        made += 1
    _say(stdout, f"{made} offerings created ({Offering.objects.count()} in all)\n")


def seed(*, stdout=None) -> None:
    """Create the demo's pilots (one in every stage at least) and offerings, if missing, and put
    the demo images on everything that has none."""
    staff = _staff_user()
    _seed_pilots(staff=staff, stdout=stdout)
    _seed_offerings(staff=staff, stdout=stdout)
    seed_easy_read(stdout=stdout)
    seed_procurement(staff=staff, stdout=stdout)
    seed_channels(stdout=stdout)
    attach_demo_images(stdout=stdout)
    seed_insight(stdout=stdout)
    # The schedule's events (voting opened, results published) of the demo's past weeks, for
    # the challenges' followers; the scheduled `send_notices` announces them as they come.
    told = announce_due(window=timedelta(days=365))
    _say(stdout, f"{told} schedule notices")
