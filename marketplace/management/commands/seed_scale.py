"""Volume data for benchmarks: bulk inserts that keep every invariant Tori's services keep.

- Proposal.vote_count equals the number of its Vote rows, VoteQuota.used equals the user's
  votes in the challenge and never exceeds votes_per_resident, (user, proposal) is unique,
  every vote has a CAST VoteEvent (so `verify_counts` finds no drift);
- every proposal has its lead TeamMember row (the lead organisation, or its creator);
- challenges are real Wagtail pages (add_child + publish), so only a modest number;
- the catalogue index is rebuilt once at the end (its per-object hooks are paused meanwhile).

Each run adds rows under a fresh tag, so runs can be stacked (1,000 then 10,000 entries …).
"""

import io
import itertools
import random
import secrets
import sys
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, OutputWrapper
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.models import (
    ChallengeIndexPage,
    ChallengePage,
    CustomerGroup,
    EvaluationCriterion,
    HomePage,
    Theme,
)
from ideas.models import (
    Comment,
    Proposal,
    ProposalStatus,
    TeamMember,
    Vote,
    VoteEvent,
    VoteQuota,
)
from marketplace.models import Offering, Pilot, PilotOutcome, PilotStage, PriceModel
from partners.models import City, Membership, Organisation
from partners.validators import business_id_check_digit

VOTES_PER_RESIDENT = 3
SEED_OPTIONS = (
    "challenges",
    "proposals",
    "votes",
    "comments",
    "pilots",
    "offerings",
    "organisations",
    "users",
    "batch_size",
)
# Text with a natural word distribution: a vocabulary of 2,000 words drawn with Zipf's law
# (the r-th word about 1/r as often as the first), as in real catalogue text, so that a
# search word matches a realistic share of the entries rather than every other one. The topic
# words lead the vocabulary; "library", the benchmark's search word, is the 300th (in about
# 3 % of the entries). Texts come from a fixed pool, so runs are reproducible and cheap.
TOPIC_WORDS = (
    "museum school park bus sensor energy waste water heat youth elderly app map "
    "service pilot data open green city route bike walk care health culture sport"
).split()
SEARCH_WORD, SEARCH_WORD_RANK = "library", 300
VOCABULARY_SIZE, POOL_SIZE, POOL_TEXT_WORDS = 2000, 4096, 60
_SYLLABLES = "ka ri to la mu se no vi pe su ta lo me ni ra ko".split()


def _vocabulary() -> list[str]:
    words = list(TOPIC_WORDS)
    n = 0
    while len(words) < VOCABULARY_SIZE:
        a, b, c = n % 16, (n // 16) % 16, (n // 256) % 16
        words.append(_SYLLABLES[a] + _SYLLABLES[b] + _SYLLABLES[c] + "n")
        n += 1
    words.insert(SEARCH_WORD_RANK - 1, SEARCH_WORD)
    return words[:VOCABULARY_SIZE]


def _pool() -> list[list[str]]:
    vocabulary = _vocabulary()
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    rng = random.Random(2026)  # noqa: S311 - reproducible sample text, not a secret
    return [
        rng.choices(vocabulary, cum_weights=weights, k=POOL_TEXT_WORDS) for _ in range(POOL_SIZE)
    ]


_POOL: list[list[str]] = []


def _text(n: int, words: int) -> str:
    if not _POOL:
        _POOL.extend(_pool())
    pool_text = _POOL[(n * 7919) % POOL_SIZE]
    return " ".join(pool_text[i % POOL_TEXT_WORDS] for i in range(words))


class Progress:
    """A one-line progress bar on a stream (the command's stdout)."""

    def __init__(self, stream, label: str, total: int, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, max(total, 1), width
        self.done = 0
        self.started = time.perf_counter()
        self._draw()

    def advance(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        self._draw()

    def _draw(self) -> None:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r  {self.label:<16} [{bar}] {self.done:>7}/{self.total}", ending="")
        if self.done >= self.total:
            self.stream.write(f" ({time.perf_counter() - self.started:.1f} s)")
        self.stream.flush()


def _batched(items, size):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def bulk(model, objects, *, stream, label, batch_size, **kwargs) -> list:
    """bulk_create in batches with a progress bar; returns the saved objects (with pks)."""
    objects = list(objects)
    progress = Progress(stream, label, len(objects))
    saved = []
    for batch in _batched(objects, batch_size):
        saved += model.objects.bulk_create(batch, batch_size=batch_size, **kwargs)
        progress.advance(len(batch))
    return saved


def challenge_index() -> ChallengeIndexPage:
    locale = Locale.get_default()
    index = ChallengeIndexPage.objects.filter(locale=locale).first()
    if index:
        return index
    home = HomePage.objects.filter(locale=locale).first() or Page.objects.get(depth=2)
    index = ChallengeIndexPage(title="Challenges", slug="challenges")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def schedule(phase: str, now) -> dict:
    """Voting open now ("voting"), or voting 20 days over and pilots running ("piloting")."""
    shift = {"voting": 0, "piloting": 20}[phase]
    day = timedelta(days=1)
    base = now.replace(second=0, microsecond=0) - shift * day
    return {
        "proposals_open": base - 20 * day,
        "proposals_close": base - 5 * day,
        "voting_open": base - 5 * day,
        "voting_close": base + 5 * day,
        "evaluation_end": base + 15 * day,
        "pilots_end": base + 25 * day + (shift * day),
    }


def make_challenge(*, title: str, slug: str, phase: str, groups=(), themes=()) -> ChallengePage:
    page = ChallengePage(
        title=title,
        slug=slug,
        summary=_text(len(slug), 20),
        votes_per_resident=VOTES_PER_RESIDENT,
        proposals_public=True,
        **schedule(phase, timezone.now()),
    )
    page.criteria.add(EvaluationCriterion(name="Impact", weight=1, sort_order=0))
    challenge_index().add_child(instance=page)
    if groups:
        page.customer_groups.set(groups)
    if themes:
        page.themes.set(themes)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _business_ids(count: int):
    taken = set(Organisation.objects.exclude(business_id="").values_list("business_id", flat=True))
    number = 1000000 + secrets.randbelow(7000000)
    produced = 0
    while produced < count:
        number = number + 1 if number < 9999999 else 1000000
        digits = f"{number:07d}"
        check = business_id_check_digit(digits)
        candidate = f"{digits}-{check}"
        if check is None or candidate in taken:
            continue
        taken.add(candidate)
        produced += 1
        yield candidate


def taxonomy(tag: str):
    """Customer groups and themes of the default locale (a few are created when none exist)."""
    locale = Locale.get_default()
    groups = list(CustomerGroup.objects.filter(locale=locale)[:6])
    if not groups:
        groups = [
            CustomerGroup.objects.create(locale=locale, name=f"Group {i}", slug=f"{tag}-group-{i}")
            for i in range(6)
        ]
    themes = list(Theme.objects.filter(locale=locale)[:6])
    if not themes:
        themes = [
            Theme.objects.create(locale=locale, name=f"Theme {i}", slug=f"{tag}-theme-{i}")
            for i in range(6)
        ]
    return groups, themes


def plan_votes(users: int, props_by_challenge: list[list[int]], wanted: int):
    """(user index, proposal index, challenge position) for up to `wanted` votes: each user
    votes at most VOTES_PER_RESIDENT distinct proposals in each challenge."""
    plan = []
    for j in range(VOTES_PER_RESIDENT):
        for u in range(users):
            for c, props in enumerate(props_by_challenge):
                if len(plan) >= wanted:
                    return plan
                if len(props) <= j:
                    continue
                plan.append((u, props[(u * 31 + c + j) % len(props)], c))
    return plan


class Command(BaseCommand):
    help = "Add volume data quickly (bulk inserts keeping every invariant); for benchmarks."

    def add_arguments(self, parser):
        add = parser.add_argument
        add(
            "--catalogue-entries", type=int, help="Pick every number for about N catalogue entries."
        )
        add("--challenges", type=int, default=6)
        add("--proposals", type=int, default=600)
        add("--votes", type=int, default=1000)
        add("--comments", type=int, default=600)
        add("--pilots", type=int, default=30)
        add("--offerings", type=int, default=300)
        add("--organisations", type=int, default=50)
        add("--users", type=int, default=500)
        add("--batch-size", type=int, default=2000)
        add("--no-index", action="store_true", help="Skip rebuilding the catalogue index.")

    @staticmethod
    def proportions(entries: int) -> dict:
        """Catalogue entries are published challenges, public proposals, published pilots and
        published offerings; these numbers add up to `entries`."""
        challenges = max(2, min(30, entries // 3000))
        pilots = entries // 20
        offerings = entries * 55 // 100
        proposals = max(entries - challenges - pilots - offerings, pilots)
        return {
            "challenges": challenges,
            "proposals": proposals,
            "pilots": pilots,
            "offerings": offerings,
            "organisations": max(20, entries // 100),
            "users": max(100, entries // 10),
            "votes": entries // 2,
            "comments": entries // 5,
        }

    def handle(self, *args, **options):
        if options["catalogue_entries"]:
            options.update(self.proportions(options["catalogue_entries"]))
        started = time.perf_counter()
        with transaction.atomic():
            result = seed(
                stream=self.stdout,
                **{key: options[key] for key in SEED_OPTIONS},
            )
        analyze()
        if not options["no_index"]:
            self.rebuild_index()
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{value} {key}" for key, value in result.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary} in {seconds:.1f} s."))

    def rebuild_index(self):
        self.stdout.write("Catalogue index: rebuilding…")
        call_command("search_index", "--rebuild", stdout=self.stdout)


def analyze() -> None:
    """Fresh planner statistics after a bulk load: until autovacuum gets to them, PostgreSQL
    would plan today's queries by the row counts of yesterday's tables."""
    if connection.vendor in ("postgresql", "sqlite") and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def seed(*, stream, **counts) -> dict:
    """Insert the rows (`counts`: the keyword arguments of `_seed`); returns how many of each
    were added. The catalogue index is not updated row by row (its hooks are paused): rebuild it
    afterwards (`search_index --rebuild`, which `seed_scale` runs unless --no-index)."""
    if not isinstance(stream, OutputWrapper):
        stream = OutputWrapper(stream)
    from search.indexing import paused

    with paused():
        return _seed(stream=stream, **counts)


def _seed(
    *,
    stream,
    challenges: int,
    proposals: int,
    votes: int,
    comments: int,
    pilots: int,
    offerings: int,
    organisations: int,
    users: int,
    batch_size: int = 2000,
) -> dict:
    tag = f"s{secrets.token_hex(3)}"
    now = timezone.now()
    User = get_user_model()
    unusable = make_password(None)
    groups, themes = taxonomy(tag)
    challenges = max(challenges, 1)
    users = max(users, 1)
    pilots = min(pilots, proposals)

    people = bulk(
        User,
        (
            User(
                email=f"{tag}-{i}@scale.invalid",
                display_name=f"Resident {tag}-{i}",
                password=unusable,  # bench sessions are created directly
                email_verified_at=now,
            )
            for i in range(users)
        ),
        stream=stream,
        label="users",
        batch_size=batch_size,
    )
    ids = _business_ids(organisations)
    kinds = list(Organisation.Kind)
    cities = [c.value for c in City if c != City.OTHER]
    orgs = []
    for i in range(organisations):
        kind = kinds[i % len(kinds)]
        orgs.append(
            Organisation(
                name=f"Organisation {tag}-{i}",
                slug=f"{tag}-org-{i}",
                kind=kind,
                business_id=next(ids) if kind == Organisation.Kind.COMPANY else "",
                city=cities[i % len(cities)],
                description=_text(i, 15),
                verified=True,
            )
        )
    orgs = bulk(Organisation, orgs, stream=stream, label="organisations", batch_size=batch_size)
    bulk(
        Membership,
        (
            Membership(organisation=org, user=people[i % len(people)], role=Membership.Role.OWNER)
            for i, org in enumerate(orgs)
        ),
        stream=stream,
        label="memberships",
        batch_size=batch_size,
        ignore_conflicts=True,
    )

    # Challenges: real pages. Every other one is in voting, the rest are piloting.
    progress = Progress(stream, "challenges", challenges)
    pages = []
    for i in range(challenges):
        phase = "voting" if i % 2 == 0 else "piloting"
        pages.append(
            make_challenge(
                title=f"Challenge {tag}-{i}: {_text(i, 3)}",
                slug=f"{tag}-challenge-{i}",
                phase=phase,
                groups=[groups[i % len(groups)]],
                themes=[themes[i % len(themes)]],
            )
        )
        progress.advance(1)
    voting = [p for p in pages if p.phase == "voting"] or pages[:1]
    piloting = [p for p in pages if p not in voting]

    # Proposals: all public; the first `pilots` of the piloting challenges are selected.
    plan = []  # (challenge, status)
    pilot_pool = piloting or pages
    for i in range(proposals):
        plan.append(pages[i % len(pages)])
    order = sorted(range(proposals), key=lambda i: plan[i] not in pilot_pool)
    if piloting:  # pilots come from piloting challenges only; voting ones keep their proposals
        pilots = min(pilots, sum(1 for page in plan if page in pilot_pool))
    selected = set(order[:pilots])
    voting_ids = {p.pk for p in voting}
    props_by_challenge = [[] for _ in voting]
    position = {p.pk: n for n, p in enumerate(voting)}
    for i, page in enumerate(plan):
        if page.pk in voting_ids and i not in selected:
            props_by_challenge[position[page.pk]].append(i)
    vote_plan = plan_votes(len(people), props_by_challenge, votes)
    counts = [0] * proposals
    for _u, p, _c in vote_plan:
        counts[p] += 1

    rows = []
    for i, page in enumerate(plan):
        org = orgs[i % len(orgs)] if orgs and i % 4 else None
        rows.append(
            Proposal(
                challenge=page,
                title=f"Proposal {tag}-{i}: {_text(i, 4)}",
                summary=_text(i, 25),
                body=_text(i + 1, 60),
                language="fi",
                lead_organisation=org,
                created_by=people[(i * 13) % len(people)],
                status=ProposalStatus.SELECTED if i in selected else ProposalStatus.SUBMITTED,
                publication_consent=True,
                vote_count=counts[i],
                submitted_at=now - timedelta(minutes=i % 5000),
            )
        )
    rows = bulk(Proposal, rows, stream=stream, label="proposals", batch_size=batch_size)
    bulk(
        TeamMember,
        (
            TeamMember(
                proposal=p,
                organisation=p.lead_organisation,
                user=None if p.lead_organisation else p.created_by,
                role=TeamMember.Role.LEAD,
            )
            for p in rows
        ),
        stream=stream,
        label="team leads",
        batch_size=batch_size,
    )
    through = Proposal.customer_groups.through
    bulk(
        through,
        (
            through(proposal_id=p.pk, customergroup_id=groups[i % len(groups)].pk)
            for i, p in enumerate(rows)
        ),
        stream=stream,
        label="proposal groups",
        batch_size=batch_size,
    )

    # Votes, their events and the quotas, all from one plan so the counters agree.
    bulk(
        Vote,
        (
            Vote(user=people[u], proposal=rows[p], challenge_id=voting[c].pk)
            for u, p, c in vote_plan
        ),
        stream=stream,
        label="votes",
        batch_size=batch_size,
    )
    bulk(
        VoteEvent,
        (
            VoteEvent(user=people[u], proposal=rows[p], action=VoteEvent.Action.CAST)
            for u, p, _c in vote_plan
        ),
        stream=stream,
        label="vote events",
        batch_size=batch_size,
    )
    used: dict = {}
    for u, _p, c in vote_plan:
        used[(u, c)] = used.get((u, c), 0) + 1
    bulk(
        VoteQuota,
        (
            VoteQuota(user=people[u], challenge_id=voting[c].pk, used=n)
            for (u, c), n in used.items()
        ),
        stream=stream,
        label="vote quotas",
        batch_size=batch_size,
    )

    bulk(
        Comment,
        (
            Comment(
                proposal=rows[(i * 17) % len(rows)],
                author=people[(i * 7) % len(people)],
                body=_text(i, 20),
            )
            for i in range(comments if rows else 0)
        ),
        stream=stream,
        label="comments",
        batch_size=batch_size,
    )

    stages = list(PilotStage)
    pilot_rows = []
    today = now.date()
    for n, i in enumerate(sorted(selected)):
        stage = stages[n % len(stages)]
        pilot_rows.append(
            Pilot(
                proposal=rows[i],
                title=f"Pilot {tag}-{n}: {_text(n, 4)}",
                public_summary=_text(n, 30),
                venue=f"Venue {n % 50}",
                start_date=today - timedelta(days=n % 300),
                end_date=today + timedelta(days=30 + n % 200),
                budget_eur=1000 * (n % 90 + 1),
                stage=stage,
                outcome=PilotOutcome.ADOPTED if stage == PilotStage.COMPLETED else "",
                published=True,
            )
        )
    pilot_rows = bulk(Pilot, pilot_rows, stream=stream, label="pilots", batch_size=batch_size)

    prices = list(PriceModel)
    offering_rows = bulk(
        Offering,
        (
            Offering(
                title=f"Offering {tag}-{i}: {_text(i, 4)}",
                slug=f"{tag}-offering-{i}",
                summary=_text(i, 25),
                description=_text(i + 3, 60),
                # Two cities, each about a third of the offerings.
                cities=[cities[i % len(cities)], cities[(5 * i + 1) % len(cities)]],
                languages=["fi", "en"] if i % 2 else ["fi", "sv"],
                price_model=prices[i % len(prices)],
                pilot=pilot_rows[i % len(pilot_rows)] if pilot_rows and i % 3 == 0 else None,
                published=True,
            )
            for i in range(offerings)
        ),
        stream=stream,
        label="offerings",
        batch_size=batch_size,
    )
    links = []
    for i, offering in enumerate(offering_rows):
        if orgs:
            links.append(("providers", offering, orgs[i % len(orgs)]))
            if i % 3 == 0 and len(orgs) > 1:
                links.append(("providers", offering, orgs[(i + 1) % len(orgs)]))
        links.append(("customer_groups", offering, groups[i % len(groups)]))
        links.append(("themes", offering, themes[(i * 5) % len(themes)]))
    for field in ("providers", "customer_groups", "themes"):
        through = getattr(Offering, field).through
        target = getattr(Offering, field).field.m2m_reverse_field_name()
        bulk(
            through,
            (
                through(offering_id=offering.pk, **{f"{target}_id": other.pk})
                for name, offering, other in links
                if name == field
            ),
            stream=stream,
            label={"providers": "providers", "customer_groups": "offering groups"}.get(
                field, "offering themes"
            ),
            batch_size=batch_size,
        )
    return {
        "users": len(people),
        "organisations": len(orgs),
        "challenges": len(pages),
        "proposals": len(rows),
        "votes": len(vote_plan),
        "comments": comments if rows else 0,
        "pilots": len(pilot_rows),
        "offerings": len(offering_rows),
    }


def showcase(*, proposals: int, comments: int, stream=None) -> dict:
    """One voting challenge with `proposals` public proposals, one of them with `comments`
    public comments and a published pilot: the pages the benchmark loads. Returns their ids."""
    stream = stream or io.StringIO()
    seeded = seed(
        stream=stream,
        challenges=1,
        proposals=proposals,
        votes=0,
        comments=0,
        pilots=1,
        offerings=1,
        organisations=2,
        users=max(comments, 1),
    )
    page = ChallengePage.objects.order_by("-pk").first()
    proposal = (
        Proposal.objects.filter(challenge=page)
        .order_by("pk")
        .exclude(status=ProposalStatus.SELECTED)
        .first()
    )
    authors = list(get_user_model().objects.order_by("-pk")[: max(comments, 1)])
    with transaction.atomic():
        Comment.objects.bulk_create(
            Comment(proposal=proposal, author=authors[i % len(authors)], body=_text(i, 20))
            for i in range(comments)
        )
    pilot = Pilot.objects.filter(proposal__challenge=page).get()
    return {
        "challenge": page,
        "proposal": proposal,
        "pilot": pilot,
        "offering": Offering.objects.order_by("-pk").first(),
        "seeded": seeded,
    }


if __name__ == "__main__":  # pragma: no cover
    sys.exit("Run it through manage.py: python manage.py seed_scale --help")
