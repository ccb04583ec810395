"""The demo builds pilots in every stage and offerings; every dashboard number equals a direct
count on the database."""

import re
from io import StringIO

import pytest
from django.db.models import Count
from django.urls import reverse
from wagtail.models import Locale

from cms.models import CustomerGroup
from ideas.models import Proposal, ProposalStatus
from marketplace import demo
from marketplace.models import Feedback, Indicator, Offering, Pilot, PilotStage
from marketplace.selectors import dashboard as dashboard_selectors
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(superuser):
    groups = [
        CustomerGroupFactory(name=n)
        for n in ("Families", "Seniors", "Schools", "Tourists", "Researchers", "Remote", "Teens")
    ]
    themes = [ThemeFactory(), ThemeFactory()]
    first = make_challenge(
        phase="piloting", title="Museum for all", customer_groups=groups[:4], themes=themes
    )
    second = make_challenge(
        phase="piloting", title="Digital museum", customer_groups=groups[3:], proposals_public=False
    )
    orgs = [OrganisationFactory() for _ in range(3)]
    for i in range(5):
        ProposalFactory(challenge=first, lead_organisation=orgs[i % 3], vote_count=i)
    ProposalFactory(challenge=first, status=ProposalStatus.DRAFT)
    ProposalFactory(challenge=first, publication_consent=False)
    ProposalFactory(challenge=second, status=ProposalStatus.SHORTLISTED)
    ProposalFactory(challenge=second)
    out = StringIO()
    demo.seed(stdout=out)
    return {"first": first, "second": second, "groups": groups, "out": out.getvalue()}


def test_demo_has_pilots_in_every_stage_with_content(demo_world):
    for stage in PilotStage.values:
        pilot = Pilot.objects.get(stage=stage)
        assert pilot.milestones.count() >= 3
        assert pilot.indicators.count() >= 2
        if stage != PilotStage.PLANNED:
            assert pilot.indicators.first().measurements.exists()
            assert pilot.feedback.exists()
        assert pilot.stage_changes.count() == PilotStage.values.index(stage)
    assert Pilot.objects.get(stage=PilotStage.COMPLETED).outcome


def test_demo_offerings_have_several_providers_and_cover_every_customer_group(demo_world):
    offerings = Offering.objects.published().annotate(n=Count("providers"))
    assert offerings.count() >= 5
    assert all(o.n >= 2 for o in offerings)
    served = set(CustomerGroup.objects.filter(offerings__isnull=False).values_list("pk", flat=True))
    assert served == set(
        CustomerGroup.objects.filter(locale=Locale.get_default()).values_list("pk", flat=True)
    )
    assert Offering.objects.filter(pilot__stage=PilotStage.COMPLETED).exists()


def test_demo_is_idempotent(demo_world):
    counts = (
        Pilot.objects.count(),
        Offering.objects.count(),
        Feedback.objects.count(),
        Proposal.objects.filter(status="selected").count(),
    )
    demo.seed(stdout=StringIO())
    assert counts == (
        Pilot.objects.count(),
        Offering.objects.count(),
        Feedback.objects.count(),
        Proposal.objects.filter(status="selected").count(),
    )


def test_demo_without_proposals_returns_quietly(db):
    out = StringIO()
    demo.seed(stdout=out)
    assert not Pilot.objects.exists()
    assert "no proposals" in out.getvalue()


def _table(html, marker):
    """Rows (label, number) of the table whose opening tag contains `marker`."""
    start = html.index(marker)
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td>", table)
    return [(label, int(n)) for label, n in rows]


def test_every_dashboard_number_equals_a_direct_count(client, superuser, demo_world):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(superuser)
    response = client.get(reverse("marketplace_dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    for challenge in (demo_world["first"], demo_world["second"]):
        proposals = Proposal.objects.filter(challenge=challenge)
        public = proposals.filter(
            challenge__proposals_public=True, publication_consent=True
        ).exclude(status__in=["draft", "withdrawn"])
        expected = [
            ("Submitted", proposals.exclude(status="draft").count()),
            ("Public", public.count()),
            ("Voted", public.filter(vote_count__gt=0).count()),
            ("Shortlisted", proposals.filter(status__in=["shortlisted", "selected"]).count()),
            ("Selected", proposals.filter(status="selected").count()),
            ("Piloted", Pilot.objects.filter(proposal__challenge=challenge).count()),
            (
                "Offered",
                Pilot.objects.filter(proposal__challenge=challenge, offerings__published=True)
                .distinct()
                .count(),
            ),
        ]
        assert _table(html, f'data-funnel="{challenge.pk}"') == expected
        # the chart says the same
        assert all(f"{label}: {n}" in html for label, n in expected)
    assert _table(html, 'id="pilots-by-stage"') == [
        (str(stage.label), Pilot.objects.filter(stage=stage).count()) for stage in PilotStage
    ]
    behind = [
        i
        for i in Indicator.objects.all()
        if i.measurements.exists()
        and (
            (i.higher_is_better and i.measurements.order_by("date", "id").last().value < i.target)
            or (
                not i.higher_is_better
                and i.measurements.order_by("date", "id").last().value > i.target
            )
        )
    ]
    assert len(behind) >= 1
    assert len(dashboard_selectors.indicators_behind_target()) == len(behind)
    assert (
        f"{len(behind)} indicators behind target" in html
        or f"{len(behind)} indicator behind target" in html
    )
    months = _table(html, 'id="feedback-months"')
    assert sum(n for _label, n in months) == Feedback.objects.filter(hidden_at__isnull=True).count()
    for row in dashboard_selectors.feedback_by_month():
        direct = Feedback.objects.filter(
            hidden_at__isnull=True,
            created_at__year=row["month"].year,
            created_at__month=row["month"].month,
        ).count()
        assert row["count"] == direct


def test_dashboard_is_staff_only(client, demo_world):
    client.force_login(UserFactory(is_staff=True))  # admin access, but not an editor or moderator
    assert client.get(reverse("marketplace_dashboard")).status_code in (302, 403)
    client.force_login(UserFactory())
    assert client.get(reverse("marketplace_dashboard")).status_code in (302, 403)
