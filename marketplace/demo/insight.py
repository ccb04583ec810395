"""Demo of customer-group insight: residents' own customer groups (one sensitive group with
explicit consent), votes on the piloting and the closed challenge whose public results show
breakdowns with suppressed cells, and tester sign-ups on the running pilot (some contactable).

Idempotent: accounts by e-mail, memberships and votes by their unique keys, slots by time.
The extra voters are clearly demo accounts (insight-NN@demo.tori.example, "Demo resident NN").
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale

from cms.models import ChallengePage, CustomerGroup, CustomerGroupMembership
from ideas.models import Proposal, Vote
from marketplace.models import Pilot, TesterSlot
from marketplace.services import testers as tester_services
from marketplace.services.common import MarketplaceError
from partners.channels import Channel
from partners.demo import demo_residents

CHALLENGE = "kosketeltavat-kokoelmat"
SENSITIVE = {
    "slug": "memory",
    "fi": ("Muistisairaat ja heidän läheisensä", "Ihmiset, joilla on muistisairaus, ja läheiset."),
    "sv": (
        "Personer med minnessjukdom och deras närstående",
        "Personer med en minnessjukdom och deras närstående.",
    ),
    "en": (
        "People with memory disorders and their carers",
        "People living with a memory disorder, and those close to them.",
    ),
}
# The demo voters in order (demo residents first, then the extra accounts) and the one
# customer group each states (None: states none). New people go at the end, so that a demo
# seeded before keeps its voters' groups.
PEOPLE = ["families"] * 16 + ["seniors"] * 15 + [None] * 11 + ["researchers"] * 17 + [None] * 5
# Per challenge: (group slug or None, channel, how many) of the people stating that group, in
# order. Each table has one cell of fewer than 5 people, hidden with the figures that would
# give it away; the other cells count 5 or more and are shown.
PLANS = {
    CHALLENGE: [
        ("families", Channel.WEB, 10),
        ("families", Channel.PAPER, 6),
        ("seniors", Channel.WEB, 12),
        ("seniors", Channel.PAPER, 3),
        (None, Channel.WEB, 6),
        (None, Channel.PAPER, 5),
    ],
    "valokuva-arkisto-tutkijoille": [
        ("researchers", Channel.WEB, 5),
        ("researchers", Channel.KIOSK, 6),
        ("researchers", Channel.QR, 6),
        ("seniors", Channel.WEB, 8),
        ("seniors", Channel.KIOSK, 2),
        ("seniors", Channel.QR, 5),
        (None, Channel.WEB, 6),
        (None, Channel.KIOSK, 5),
        (None, Channel.QR, 5),
    ],
}


# Which public proposal (by age) each vote goes to, in turn: the earlier proposals get more
# votes, so that the results rank them rather than tie.
SPREAD = (0, 1, 0, 2, 0, 1, 3, 0, 1, 2)


def _ballots(plan) -> list[tuple[int, str]]:
    """(index into PEOPLE, channel) for each vote of the plan."""
    taken: dict = {}
    ballots = []
    for slug, channel, count in plan:
        pool = [i for i, group in enumerate(PEOPLE) if group == slug]
        start = taken.get(slug, 0)
        ballots += [(i, channel) for i in pool[start : start + count]]
        taken[slug] = start + count
    return ballots


def _sensitive_group() -> CustomerGroup:
    locales = {lang: Locale.objects.get(language_code=lang) for lang in ("fi", "sv", "en")}
    original = CustomerGroup.objects.filter(locale=locales["fi"], slug=SENSITIVE["slug"]).first()
    if original is None:
        name, description = SENSITIVE["fi"]
        original = CustomerGroup.objects.create(
            locale=locales["fi"],
            slug=SENSITIVE["slug"],
            name=name,
            description=description,
            sensitive=True,
        )
    for lang in ("sv", "en"):
        if not CustomerGroup.objects.filter(locale=locales[lang], slug=SENSITIVE["slug"]).exists():
            copy = original.copy_for_translation(locales[lang])
            copy.name, copy.description = SENSITIVE[lang]
            copy.save()
    return original


def _extra_voters() -> list:
    User = get_user_model()
    people = []
    for n in range(1, len(PEOPLE) - len(demo_residents()) + 1):
        user, created = User.objects.get_or_create(
            email=f"insight-{n:02d}@demo.tori.example",
            defaults={
                "display_name": f"Demo resident {n:02d}",
                "email_verified_at": timezone.now(),
                "preferred_language": "fi",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    return people


def _member(user, group, *, explicit=False) -> None:
    CustomerGroupMembership.objects.get_or_create(
        user=user, group=group, defaults={"explicit_consent": explicit}
    )


def _votes(challenge, voters, plan) -> int:
    """The plan's votes on the challenge's public proposals, dated inside its voting period."""
    proposals = list(Proposal.objects.public().filter(challenge=challenge).order_by("pk"))
    if not proposals:
        return 0
    opened = challenge.voting_open or challenge.proposals_close
    cast = 0
    for number, (index, channel) in enumerate(_ballots(plan)):
        proposal = proposals[SPREAD[number % len(SPREAD)] % len(proposals)]
        vote, created = Vote.objects.get_or_create(
            user=voters[index],
            proposal=proposal,
            defaults={
                "challenge": challenge,
                "channel": channel,
                "entry_consent": channel != Channel.WEB,
            },
        )
        if created and opened is not None:
            Vote.objects.filter(pk=vote.pk).update(created_at=opened + timedelta(hours=5 * number))
        cast += created
    for proposal in proposals:
        count = Vote.objects.filter(proposal=proposal).aggregate(n=Count("pk"))["n"]
        Proposal.objects.filter(pk=proposal.pk).update(vote_count=count)
    return cast


def _testers(pilot, residents, groups) -> int:
    day = timezone.localdate() + timedelta(days=7)
    specs = [
        (TesterSlot.Mode.ON_SITE, time(13, 0), "Espoon kaupunginmuseo KAMU, WeeGee-talo", 6),
        (TesterSlot.Mode.REMOTE, time(17, 0), "Teams", 8),
    ]
    slots = []
    for mode, start, place, capacity in specs:
        starts_at = timezone.make_aware(datetime.combine(day, start))
        slot, _ = TesterSlot.objects.get_or_create(
            pilot=pilot,
            mode=mode,
            starts_at=starts_at,
            defaults={
                "ends_at": starts_at + timedelta(hours=2),
                "place": place,
                "capacity": capacity,
            },
        )
        slots.append(slot)
    made = 0
    needs = ["Tarvitsen esteettömän sisäänkäynnin.", "", "Induktiosilmukka auttaisi.", ""]
    for index, resident in enumerate(residents[:8]):
        slot = slots[index % 2]
        if slot.signups.filter(user=resident, cancelled_at__isnull=True).exists():
            continue
        try:
            tester_services.signup_create(
                slot=slot,
                user=resident,
                access_needs=needs[index % len(needs)],
                may_contact=index % 3 != 2,
                customer_group=groups.get("seniors") if index % 2 else None,
            )
            made += 1
        except MarketplaceError:
            continue
    return made


def seed_insight(*, stdout=None) -> None:
    challenges = {
        slug: ChallengePage.objects.filter(slug=slug, locale__language_code="fi").first()
        for slug in PLANS
    }
    if not any(challenges.values()):
        return  # the demo's challenges are not there (a partial demo): nothing to vote on
    groups = {g.slug: g for g in CustomerGroup.objects.filter(locale__language_code="fi")}
    residents = demo_residents()
    memory = _sensitive_group()
    _member(residents[0], memory, explicit=True)
    _member(residents[0], groups["seniors"])
    voters = residents + _extra_voters()
    for voter, slug in zip(voters, PEOPLE, strict=True):
        if slug in groups:
            _member(voter, groups[slug])
    votes = 0
    for slug, plan in PLANS.items():
        challenge = challenges[slug]
        if challenge is not None:
            votes += _votes(challenge, voters, plan)
    challenge = ChallengePage.objects.filter(slug=CHALLENGE, locale__language_code="fi").first()
    pilot = Pilot.objects.filter(proposal__challenge=challenge, stage="running").first()
    testers = _testers(pilot, residents, groups) if pilot is not None else 0
    if stdout is not None:
        stdout.write(f"  insight: {votes} demo votes by customer group, {testers} tester sign-ups")
