"""Finding partners: capability tags, calls for partners, the partner search and requests to
join a team, seen from the team, the asking organisation and the public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from ideas.models import JoinRequest, PartnerCall, TeamMember
from ideas.services import partnering as services
from ideas.services import workflow
from partners.models import Capability, Membership, Notification
from tests.factories.cms import make_challenge, translate_snippet
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory
from tests.factories.reviews import make_staff

from .proposal_helpers import partner, private_root  # noqa: F401

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Secret plan for the VR visits"
SECRET_SUMMARY = "Twelve headsets in sheltered housing"
SECRET_BODY = "The confidential description of the draft"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def capability(fi, sv, slug):
    original = Capability.objects.create(name=fi, slug=slug)  # the default language: fi
    translate_snippet(original, "sv", name=sv)
    return original


def draft_with_call(challenge=None, **call):
    challenge = challenge or make_challenge(phase="proposals", title="Museum at home")
    proposal = ProposalFactory(
        challenge=challenge,
        status="draft",
        title=SECRET_TITLE,
        summary=SECRET_SUMMARY,
        body=SECRET_BODY,
    )
    lead = partner(proposal.lead_organisation)
    found = services.call_create(
        proposal=proposal,
        by=lead,
        description=call.get("description", "A research group with accessibility expertise"),
        capabilities=call.get("capabilities", ()),
    )
    return proposal, lead, found


def asking_organisation(name="Research Lab"):
    organisation = OrganisationFactory(name=name)
    owner = partner(organisation, role=Membership.Role.OWNER)
    member = partner(organisation)
    return organisation, owner, member


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- capabilities on the organisation profile -----------------------------------------


def test_owners_tag_their_organisation_once_per_item_in_any_language(client):
    accessibility = capability("Saavutettavuus", "Tillgänglighet", "accessibility")
    capability("Tutkimus", "Forskning", "research")
    organisation = OrganisationFactory(name="Access Oy", capabilities="We test with users.")
    owner = partner(organisation, role=Membership.Role.OWNER)
    client.force_login(owner)
    edit = reverse("partners:organisation-edit", args=[organisation.slug]).replace("/en/", "/sv/")
    form = page(client, edit)
    assert form.count('name="capability_tags"') == 2  # two items, not four copies
    assert "Tillgänglighet" in form and "Saavutettavuus" not in form
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "business_id": organisation.business_id,
        "city": organisation.city,
        "language": "fi",
        "capabilities": "We test with users.",
        "capability_tags": [accessibility.pk],
    }
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(organisation.capability_tags.all()) == [accessibility]  # the original copy
    shown = page(client, organisation.get_absolute_url().replace("/en/", "/sv/"))
    assert "Tillgänglighet" in shown and "We test with users." in shown


# --- calls for partners: what the public sees ------------------------------------------


def test_a_call_never_shows_the_drafts_own_text(client):
    accessibility = capability("Saavutettavuus", "Tillgänglighet", "accessibility")
    proposal, _lead, call = draft_with_call(capabilities=[accessibility])
    for url in (
        reverse("ideas:partner-search"),
        reverse("ideas:partner-call", args=[call.pk]),
        proposal.challenge.url,
    ):
        html = page(client, url)
        assert "A research group with accessibility expertise" in html
        assert proposal.lead_organisation.name in html
        assert "Museum at home" in html
        for secret in (SECRET_TITLE, SECRET_SUMMARY, SECRET_BODY):
            assert secret not in html, (url, secret)
        assert proposal.get_absolute_url() not in html
    assert "Tillgänglighet" in page(client, "/sv/partners/")


def test_a_public_proposals_call_names_and_links_the_proposal(client):
    challenge = make_challenge(phase="proposals", title="Open museum")
    proposal = ProposalFactory(challenge=challenge, status="submitted", title="Open idea")
    lead = partner(proposal.lead_organisation)
    call = services.call_create(proposal=proposal, by=lead, description="Sound designers")
    html = page(client, reverse("ideas:partner-call", args=[call.pk]))
    assert "Open idea" in html and proposal.get_absolute_url() in html


def test_closed_calls_and_withdrawn_proposals_calls_disappear(client):
    proposal, lead, call = draft_with_call(description="Closed call text")
    services.call_close(call=call, by=lead)
    submitted = ProposalFactory(challenge=make_challenge(phase="proposals"), status="submitted")
    other_lead = partner(submitted.lead_organisation)
    withdrawn_call = services.call_create(
        proposal=submitted, by=other_lead, description="Withdrawn call text"
    )
    workflow.change_status(proposal=submitted, to_status="withdrawn", by=other_lead)
    search = page(client, reverse("ideas:partner-search"))
    assert "Closed call text" not in search and "Withdrawn call text" not in search
    for gone in (call, withdrawn_call):
        assert client.get(reverse("ideas:partner-call", args=[gone.pk])).status_code == 404
    assert "Closed call text" not in page(client, proposal.challenge.url)
    client.force_login(lead)  # the team still sees its closed call
    assert client.get(reverse("ideas:partner-call", args=[call.pk])).status_code == 200


# --- the partner search ---------------------------------------------------------------


def test_the_search_filters_by_capability_in_every_language(client):
    research = capability("Tutkimus", "Forskning", "research")
    tagged = OrganisationFactory(name="Tagged Lab")
    tagged.capability_tags.add(research)
    OrganisationFactory(name="Untagged Oy")
    _proposal, _lead, _call = draft_with_call(capabilities=[research], description="Wanted: you")
    draft_with_call(description="Unrelated call")
    for language in ("fi", "sv", "en"):
        html = page(client, f"/{language}/partners/?capability={research.pk}")
        assert "Tagged Lab" in html and "Untagged Oy" not in html
        assert "Wanted: you" in html and "Unrelated call" not in html
    by_text = page(client, "/en/partners/?q=untagged")
    assert "Untagged Oy" in by_text and "Tagged Lab" not in by_text


def test_bad_filter_values_and_pages_never_give_a_500(client):
    assert client.get("/en/partners/?capability=nope&kind=x&challenge=0").status_code == 200
    assert client.get("/en/partners/?page=99").status_code == 404
    assert client.get("/en/partners/?calls_page=abc").status_code == 404


def _search_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sv/partners/").status_code == 200
    return len(queries)


def test_the_search_costs_the_same_queries_for_5_and_many_rows(client):
    research = capability("Tutkimus", "Forskning", "research")
    challenge = make_challenge(phase="proposals")

    def add(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            organisation.capability_tags.add(research)
            _p, _l, call = draft_with_call(challenge, capabilities=[research])

    add(5)
    _search_queries(client)  # warm the caches
    few = _search_queries(client)
    add(15)
    assert _search_queries(client) == few


# --- the team's calls ------------------------------------------------------------------


def test_the_team_posts_edits_and_closes_a_call_from_the_team_page(client):
    research = capability("Tutkimus", "Forskning", "research")
    proposal = ProposalFactory(challenge=make_challenge(phase="proposals"), status="draft")
    lead = partner(proposal.lead_organisation)
    client.force_login(lead)
    team = page(client, reverse("ideas:proposal-team", args=[proposal.pk]).replace("/en/", "/fi/"))
    assert "Tutkimus" in team
    create = reverse("ideas:partner-call-create", args=[proposal.pk])
    assert client.post(create, {"description": ""}).status_code == 400
    client.post(create, {"description": "Researchers", "capabilities": [research.pk]})
    call = PartnerCall.objects.get(proposal=proposal)
    assert list(call.capabilities.all()) == [research]
    edit = reverse("ideas:partner-call-edit", args=[proposal.pk, call.pk])
    client.post(edit, {"description": "Researchers and designers"})
    call.refresh_from_db()
    assert call.description == "Researchers and designers" and not call.capabilities.exists()
    client.post(reverse("ideas:partner-call-close", args=[proposal.pk, call.pk]))
    call.refresh_from_db()
    assert not call.is_open and call.closed_at is not None


def test_someone_off_the_team_cannot_post_a_call(client):
    proposal = ProposalFactory(challenge=make_challenge(phase="proposals"), status="draft")
    client.force_login(partner())
    response = client.post(
        reverse("ideas:partner-call-create", args=[proposal.pk]), {"description": "x"}
    )
    assert response.status_code == 404
    assert not PartnerCall.objects.exists()


# --- requests to join ------------------------------------------------------------------


def test_an_organisation_asks_to_join_and_the_team_hears_of_it(client):
    proposal, lead, call = draft_with_call()
    organisation, owner, _member = asking_organisation()
    client.force_login(owner)
    url = reverse("ideas:partner-call", args=[call.pk])
    response = client.post(url, {"organisation": organisation.pk, "message": "We measure."})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.status == "pending" and join_request.organisation == organisation
    notice = Notification.objects.get(recipient=lead)
    assert "Research Lab" in notice.subject and "#join-requests" in notice.url
    assert not Notification.objects.filter(recipient=owner).exists()
    assert "The team has not answered yet." in page(client, url)


def test_a_second_request_gets_a_clear_message_not_a_500(client):
    _proposal, _lead, call = draft_with_call()
    organisation, owner, member = asking_organisation()
    services.join_request_create(call=call, by=owner, organisation=organisation, message="One")
    client.force_login(member)
    response = client.post(
        reverse("ideas:partner-call", args=[call.pk]),
        {"organisation": organisation.pk, "message": "Two"},
    )
    assert response.status_code == 400
    assert "already asked to join this team" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_accepting_adds_the_organisation_and_tells_its_members(client):
    proposal, lead, call = draft_with_call()
    organisation, owner, member = asking_organisation()
    join_request = services.join_request_create(
        call=call, by=owner, organisation=organisation, message="Let us in"
    )
    client.force_login(lead)
    team = page(client, reverse("ideas:proposal-team", args=[proposal.pk]))
    assert "Let us in" in team
    client.post(
        reverse("ideas:join-request-answer", args=[proposal.pk, join_request.pk]),
        {"action": "accept"},
    )
    member_row = TeamMember.objects.get(proposal=proposal, organisation=organisation)
    assert member_row.role == TeamMember.Role.CO_DEVELOPER
    join_request.refresh_from_db()
    assert join_request.status == "accepted" and join_request.responded_by == lead
    for person in (owner, member):
        assert "is now on the team" in Notification.objects.get(recipient=person).subject


def test_declining_tells_the_organisation_without_the_drafts_title(client):
    proposal, lead, call = draft_with_call()
    organisation, owner, member = asking_organisation()
    join_request = services.join_request_create(
        call=call, by=owner, organisation=organisation, message="Let us in"
    )
    services.join_request_answer(join_request=join_request, by=lead, accept=False)
    assert not TeamMember.objects.filter(organisation=organisation).exists()
    notice = Notification.objects.get(recipient=member)
    assert "declined" in notice.subject
    assert SECRET_TITLE not in notice.subject + notice.body + str(notice.texts)
    assert proposal.lead_organisation.name in notice.subject


def test_only_the_lead_answers(client):
    proposal, _lead, call = draft_with_call()
    organisation, owner, _member = asking_organisation()
    join_request = services.join_request_create(
        call=call, by=owner, organisation=organisation, message="Let us in"
    )
    co = OrganisationFactory()
    TeamMember.objects.create(proposal=proposal, organisation=co)
    client.force_login(partner(co))
    client.post(
        reverse("ideas:join-request-answer", args=[proposal.pk, join_request.pk]),
        {"action": "accept"},
    )
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert not TeamMember.objects.filter(organisation=organisation).exists()


def test_the_requester_withdraws_and_may_ask_again(client):
    _proposal, _lead, call = draft_with_call()
    organisation, owner, member = asking_organisation()
    join_request = services.join_request_create(
        call=call, by=owner, organisation=organisation, message="One"
    )
    withdraw = reverse("ideas:join-request-withdraw", args=[join_request.pk])
    client.force_login(partner())  # a stranger: nothing to see
    assert client.post(withdraw).status_code == 404
    client.force_login(member)
    assert client.post(withdraw).status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "withdrawn"
    services.join_request_create(call=call, by=member, organisation=organisation, message="Two")
    assert JoinRequest.objects.filter(status="pending").count() == 1


def test_staff_translate_the_capability_list_side_by_side_in_the_admin(client):
    item = Capability.objects.create(name="Palvelumuotoilu", slug="service-design")
    editor = make_staff()
    client.force_login(editor)
    assert client.get("/admin/snippets/partners/capability/").status_code == 200
    sv = Locale.objects.get(language_code="sv")
    response = client.post(
        f"/admin/localize/submit/snippet/partners/capability/{item.pk}/", {"locales": [sv.pk]}
    )
    assert response.status_code == 302
    assert Capability.objects.filter(locale=sv, translation_key=item.translation_key).exists()
    client.force_login(partner())  # not staff: no admin for the list
    assert client.get("/admin/snippets/partners/capability/").status_code == 302
