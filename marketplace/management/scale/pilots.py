"""Published pilots of the selected proposals, and published offerings (some proven by a
pilot) with their providers, customer groups and themes."""

from datetime import timedelta

from marketplace.models import Offering, Pilot, PilotOutcome, PilotStage, PriceModel

from .bulk import Run
from .people import CITIES
from .text import text


def add_pilots(run: Run, proposals: list) -> list[Pilot]:
    """One pilot for each proposal given, across every stage."""
    stages = list(PilotStage)
    today = run.now.date()
    rows = []
    for n, proposal in enumerate(proposals):
        stage = stages[n % len(stages)]
        rows.append(
            Pilot(
                proposal=proposal,
                title=f"Pilot {run.tag}-{n}: {text(n, 4)}",
                public_summary=text(n, 30),
                venue=f"Venue {n % 50}",
                start_date=today - timedelta(days=n % 300),
                end_date=today + timedelta(days=30 + n % 200),
                budget_eur=1000 * (n % 90 + 1),
                stage=stage,
                outcome=PilotOutcome.ADOPTED if stage == PilotStage.COMPLETED else "",
                published=True,
            )
        )
    return run.bulk(Pilot, rows, label="pilots")


def add_offerings(run: Run, count: int, *, pilots, organisations, groups, themes) -> list:
    prices = list(PriceModel)
    rows = run.bulk(
        Offering,
        (
            Offering(
                title=f"Offering {run.tag}-{i}: {text(i, 4)}",
                slug=f"{run.tag}-offering-{i}",
                summary=text(i, 25),
                description=text(i + 3, 60),
                # Two cities, each about a third of the offerings.
                cities=[CITIES[i % len(CITIES)], CITIES[(5 * i + 1) % len(CITIES)]],
                languages=["fi", "en"] if i % 2 else ["fi", "sv"],
                price_model=prices[i % len(prices)],
                pilot=pilots[i % len(pilots)] if pilots and i % 3 == 0 else None,
                published=True,
            )
            for i in range(count)
        ),
        label="offerings",
    )
    links = []
    for i, offering in enumerate(rows):
        if organisations:
            links.append(("providers", offering, organisations[i % len(organisations)]))
            if i % 3 == 0 and len(organisations) > 1:
                links.append(("providers", offering, organisations[(i + 1) % len(organisations)]))
        links.append(("customer_groups", offering, groups[i % len(groups)]))
        links.append(("themes", offering, themes[(i * 5) % len(themes)]))
    labels = {"providers": "providers", "customer_groups": "offering groups"}
    for field in ("providers", "customer_groups", "themes"):
        through = getattr(Offering, field).through
        target = getattr(Offering, field).field.m2m_reverse_field_name()
        run.bulk(
            through,
            (
                through(offering_id=offering.pk, **{f"{target}_id": other.pk})
                for name, offering, other in links
                if name == field
            ),
            label=labels.get(field, "offering themes"),
        )
    return rows
