"""No choice on any form of ours reads "---------": every admin add and edit page we define
and the public forms with a choice offer a prompt ("Choose a challenge", "Any") instead."""

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import IndicatorFactory, MeasurementFactory, PilotFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.reviews import make_review

pytestmark = pytest.mark.django_db

DASHES = "---------"
OUR_APPS = {"cms", "ideas", "marketplace", "partners", "search"}


@pytest.fixture
def content():
    challenge = make_challenge(phase="evaluation", criteria=(("Impact", 1),))
    proposal = ProposalFactory(challenge=challenge)
    make_review(proposal=proposal)
    pilot = PilotFactory()
    MeasurementFactory(indicator=IndicatorFactory(pilot=pilot), date=pilot.start_date, value=1)
    return challenge


def our_viewsets():
    reverse("wagtailadmin_home")  # the admin registers its viewsets with its URLs
    return [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(viewset, ModelViewSet) and viewset.model._meta.app_label in OUR_APPS
    ]


def admin_pages(viewset):
    """The viewset's listing, add page and edit page of its first row."""
    for name, args in (("index", []), ("add", [])):
        try:
            yield reverse(viewset.get_url_name(name), args=args)
        except NoReverseMatch:
            pass
    first = viewset.model._default_manager.order_by("pk").first()
    if first is not None:
        try:
            yield reverse(viewset.get_url_name("edit"), args=[first.pk])
        except NoReverseMatch:
            pass


def test_the_admin_pages_we_define_offer_no_dashes(client, content):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    checked, with_dashes = [], []
    for viewset in our_viewsets():
        for url in admin_pages(viewset):
            response = client.get(url)
            if response.status_code != 200:
                continue
            checked.append(url)
            html = response.content.decode()
            if DASHES in html:
                at = html.index(DASHES)
                with_dashes.append((url, html[at - 300 : at]))
    assert not with_dashes
    assert reverse("evaluator_assignments:add") in checked
    assert len(checked) > 20


def test_the_public_forms_offer_no_dashes(client, content):
    for name in ("search:catalogue", "marketplace:pilot-list", "marketplace:offering-list"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        html = client.get(url).content.decode()
        assert DASHES not in html, url
    html = client.get(content.get_parent().url).content.decode()
    assert DASHES not in html
    partner = UserFactory()
    MembershipFactory(user=partner, organisation=OrganisationFactory(), role="owner")
    client.force_login(partner)
    open_challenge = make_challenge(phase="proposals")
    html = client.get(f"/en/challenges/{open_challenge.pk}/propose/").content.decode()
    assert "<select" in html and DASHES not in html
