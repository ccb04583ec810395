"""The partner's path: "Make a proposal" at the top of a challenge, My proposals' "New proposal"
and its chooser, the proposal form opening with who is proposing, the team's action bar."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation

from ideas.forms import ProposalForm
from ideas.models import Proposal, ProposalStatus
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import challenge, partner, private_root  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The pages in English (their URLs reversed under /en/), for the messages' wording."""
    with translation.override("en"):
        yield


def start_url(page):
    return reverse("ideas:proposal-start", kwargs={"challenge_pk": page.pk})


def in_english(page) -> str:
    return page.get_url().replace("/fi/", "/en/", 1)


def header_of(response) -> str:
    """The challenge page's header: the part a visitor sees first."""
    html = response.content.decode()
    start = html.index("<header>", html.index('class="challenge"'))
    return html[start : html.index("</header>", start)]


# --- 1. "Make a proposal" at the top of the challenge page ------------------------------------


def test_a_partner_finds_make_a_proposal_in_the_challenge_header(client):
    page = challenge()
    client.force_login(partner())
    header = header_of(client.get(in_english(page)))
    assert f'href="{start_url(page)}"' in header
    assert "Make a proposal" in header


def test_a_visitor_is_sent_to_sign_in_or_register_and_back_to_the_form(client):
    page = challenge()
    header = header_of(client.get(in_english(page)))
    back = quote(start_url(page), safe="")
    assert f"{reverse('partners:login')}?next={back}" in header
    assert f"{reverse('partners:register')}?next={back}" in header
    response = client.get(f"{reverse('partners:register')}?next={back}")
    assert start_url(page) in response.content.decode()


def test_a_person_without_an_organisation_is_told_why_they_cannot_propose(client):
    page = challenge(individuals_may_submit=False)
    client.force_login(UserFactory())
    header = header_of(client.get(in_english(page)))
    assert start_url(page) not in header
    assert "accepts proposals from organisations only" in header
    assert reverse("partners:organisation-create") in header


def test_an_unverified_partner_is_told_to_verify_first(client):
    page = challenge()
    client.force_login(partner(unverified=True))
    header = header_of(client.get(in_english(page)))
    assert start_url(page) not in header
    assert "Verify your e-mail address" in header
    assert reverse("partners:resend-verification") in header


@pytest.mark.parametrize("phase", ["upcoming", "voting", "closed"])
def test_no_make_a_proposal_outside_the_proposals_phase(client, phase):
    page = challenge(phase)
    client.force_login(partner())
    response = client.get(in_english(page))
    assert 'data-testid="propose-call"' not in response.content.decode()
    assert start_url(page) not in response.content.decode()


def test_the_lower_button_comes_only_after_a_list_of_proposals(client):
    page = challenge()
    client.force_login(partner())
    html = client.get(in_english(page)).content.decode()
    assert html.count(f'href="{start_url(page)}"') == 1
    ProposalFactory(challenge=page, status=ProposalStatus.SUBMITTED)
    html = client.get(in_english(page)).content.decode()
    assert html.count(f'href="{start_url(page)}"') == 2
    assert html.rindex(start_url(page)) > html.index("challenge-proposals-heading")


# --- 2. My proposals: "New proposal" and its chooser -------------------------------------------


def test_my_proposals_offers_a_new_proposal_when_a_challenge_is_open(client):
    challenge()
    client.force_login(partner())
    html = client.get(reverse("ideas:my-proposals")).content.decode()
    assert f'href="{reverse("ideas:proposal-new")}"' in html
    assert "1 challenge accepts proposals now" in html


def test_my_proposals_explains_when_no_challenge_is_open(client):
    challenge("voting")
    client.force_login(partner())
    html = client.get(reverse("ideas:my-proposals")).content.decode()
    assert reverse("ideas:proposal-new") not in html
    assert "No challenge accepts proposals right now." in html


def test_the_chooser_goes_straight_to_the_form_for_the_one_open_challenge(client):
    page = challenge()
    challenge("voting")
    client.force_login(partner())
    response = client.get(reverse("ideas:proposal-new"))
    assert response.status_code == 302
    assert response["Location"] == start_url(page)


def test_the_chooser_lists_every_open_challenge_and_only_those(client):
    first = challenge(title="Quiet mornings")
    second = challenge(title="Museum by bike")
    closed = challenge("closed", title="Old news")
    client.force_login(partner())
    response = client.get(reverse("ideas:proposal-new"))
    html = response.content.decode()
    assert response.status_code == 200
    assert start_url(first) in html and start_url(second) in html
    assert start_url(closed) not in html and "Old news" not in html


def test_the_chooser_says_why_for_a_challenge_the_person_may_not_propose_to(client):
    page = challenge(individuals_may_submit=False)
    client.force_login(UserFactory())
    response = client.get(reverse("ideas:proposal-new"))
    html = response.content.decode()
    assert response.status_code == 200
    assert start_url(page) not in html
    assert "accepts proposals from organisations only" in html


def test_the_chooser_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("ideas:proposal-new"))
    assert response.status_code == 302
    assert reverse("partners:login") in response["Location"]


# --- 3. The form opens with who is proposing ---------------------------------------------------


def choices_of(page, user, **kwargs):
    form = ProposalForm(
        challenge=page,
        organisations=kwargs.pop("organisations"),
        individual_allowed=page.individuals_may_submit,
    )
    return form, list(form.fields["organisation"].choices)


def test_who_is_proposing_is_the_first_field_with_the_organisation_preselected():
    page = challenge(individuals_may_submit=True)
    organisation = OrganisationFactory(name="Museum Makers Oy")
    form, choices = choices_of(page, None, organisations=[organisation])
    assert next(iter(form.fields)) == "organisation"
    assert form.fields["organisation"].label == "Who is proposing"
    assert choices == [
        (str(organisation.pk), "Museum Makers Oy"),
        ("individual", "As an individual"),
    ]
    assert form["organisation"].value() == str(organisation.pk)


def test_as_an_individual_is_offered_only_where_the_challenge_allows_it():
    page = challenge(individuals_may_submit=False)
    organisation = OrganisationFactory()
    _form, choices = choices_of(page, None, organisations=[organisation])
    assert choices == [(str(organisation.pk), organisation.name)]


def test_nothing_is_preselected_for_a_member_of_two_organisations():
    page = challenge()
    first, second = OrganisationFactory(name="A Oy"), OrganisationFactory(name="B ry")
    form, choices = choices_of(page, None, organisations=[first, second])
    assert [value for value, _label in choices] == [str(first.pk), str(second.pk)]
    assert not form["organisation"].value()


def test_the_form_page_lists_the_persons_organisations_first(client):
    page = challenge(individuals_may_submit=True)
    organisation = OrganisationFactory(name="Museum Makers Oy")
    client.force_login(partner(organisation))
    html = client.get(start_url(page)).content.decode()
    form_html = html[html.index("<form") :]
    assert form_html.index("Who is proposing") < form_html.index('name="title"')
    assert re.search(rf'value="{organisation.pk}"[^>]*checked', form_html)
    assert form_html.index("Museum Makers Oy") < form_html.index("As an individual")


def test_a_partner_proposes_as_an_individual_where_allowed(client):
    page = challenge(individuals_may_submit=True)
    user = partner()
    client.force_login(user)
    response = client.post(
        start_url(page),
        {"organisation": "individual", "title": "Benches", "summary": "More.", "language": "fi"},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.lead_organisation is None
    assert proposal.team.get().user == user


def test_an_organisation_the_person_does_not_belong_to_is_refused(client):
    page = challenge()
    client.force_login(partner())
    stranger = OrganisationFactory()
    response = client.post(
        start_url(page),
        {"organisation": stranger.pk, "title": "Benches", "summary": "More.", "language": "fi"},
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_an_individual_proposal_is_refused_where_the_challenge_wants_organisations(client):
    page = challenge(individuals_may_submit=False)
    client.force_login(partner())
    response = client.post(
        start_url(page),
        {"organisation": "individual", "title": "Benches", "summary": "More.", "language": "fi"},
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()


# --- 4. The team's action bar at the top of the proposal ---------------------------------------


def bar_of(client, proposal) -> str:
    html = client.get(proposal.get_absolute_url()).content.decode()
    if 'data-testid="proposal-action-bar"' not in html:
        return ""
    start = html.index('data-testid="proposal-action-bar"')
    bar = html[start : html.index("</nav>", start)]
    assert start < html.index('class="lead"'), "the bar comes before the proposal's text"
    return bar


def test_a_draft_shows_every_owner_action_and_its_deadline_at_the_top(client):
    proposal = ProposalFactory(challenge=challenge(), status=ProposalStatus.DRAFT)
    client.force_login(partner(proposal.lead_organisation))
    bar = bar_of(client, proposal)
    assert reverse("ideas:proposal-edit", args=[proposal.pk]) in bar
    assert 'href="#submit-proposal"' in bar
    assert reverse("ideas:proposal-team", args=[proposal.pk]) in bar
    assert 'href="#attachments-heading"' in bar
    assert reverse("ideas:proposal-history", args=[proposal.pk]) in bar
    assert "#withdraw-proposal" not in bar
    assert "Draft — only your team sees this. Submit it by" in bar


def test_the_bars_anchors_lead_to_the_forms_and_the_attachments(client):
    proposal = ProposalFactory(challenge=challenge(), status=ProposalStatus.SUBMITTED)
    client.force_login(partner(proposal.lead_organisation))
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert 'id="withdraw-proposal"' in html
    assert 'id="attachments-heading"' in html
    assert 'href="#withdraw-proposal"' in bar_of(client, proposal)
    assert "Submitted — you can still edit it until" in bar_of(client, proposal)


def test_the_edit_and_history_links_are_not_repeated_at_the_bottom(client):
    proposal = ProposalFactory(challenge=challenge(), status=ProposalStatus.DRAFT)
    client.force_login(partner(proposal.lead_organisation))
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert html.count(reverse("ideas:proposal-edit", args=[proposal.pk])) == 1
    assert html.count(reverse("ideas:proposal-history", args=[proposal.pk])) == 1


def test_after_the_deadline_the_bar_says_what_happens_next_without_edit(client):
    proposal = ProposalFactory(challenge=challenge("evaluation"), status=ProposalStatus.SUBMITTED)
    client.force_login(partner(proposal.lead_organisation))
    bar = bar_of(client, proposal)
    assert reverse("ideas:proposal-edit", args=[proposal.pk]) not in bar
    assert "the city is evaluating the proposals" in bar


@pytest.mark.parametrize("who", ["visitor", "resident"])
def test_people_outside_the_team_see_no_action_bar(client, who):
    proposal = ProposalFactory(challenge=challenge("voting"), status=ProposalStatus.SUBMITTED)
    if who == "resident":
        client.force_login(UserFactory())
    assert bar_of(client, proposal) == ""
