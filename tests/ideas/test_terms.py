"""A challenge's intellectual property and confidentiality terms: versions written by staff,
accepted by a team when it submits (who, when, which version recorded and shown to staff),
accepted again after a change, and the confidential parts a team writes next to its public
text."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ideas.models import ChallengeTerms, Proposal, TermsAcceptance
from ideas.rules.confidential import must_team_accept_again
from ideas.services import proposals as proposal_services
from ideas.services import terms as terms_services
from partners.models import Notification
from tests.factories.reviews import make_staff

from .proposal_helpers import PNG, challenge, partner, private_root, proposal_with_lead  # noqa: F401

pytestmark = pytest.mark.django_db

TERMS = "<p>The team owns its results; the city may reuse the service it buys.</p>"


def _terms(page, version=1, body=TERMS, **kwargs):
    return ChallengeTerms.objects.create(challenge=page, version=version, body=body, **kwargs)


def _draftail(text):
    block = {
        "key": "a",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def _draft(page=None):
    page = page or challenge()
    return proposal_with_lead(page, status="draft")


def test_submitting_asks_for_the_current_terms_and_records_who_when_and_which(client):
    proposal, member = _draft()
    terms = _terms(proposal.challenge)
    client.force_login(member)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "The team owns its results" in page
    assert "accept the challenge&#x27;s terms (version 1)" in page.lower().replace("’", "&#x27;")

    url = reverse("ideas:proposal-submit", kwargs={"pk": proposal.pk})
    refused = client.post(url, {"publication_consent": "on"}, follow=True)
    assert "Accept the challenge&#x27;s terms to submit." in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "draft" and not TermsAcceptance.objects.exists()

    client.post(url, {"publication_consent": "on", "accept_terms": "on", "terms_version": 1})
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    acceptance = TermsAcceptance.objects.get()
    assert (acceptance.terms, acceptance.proposal, acceptance.user) == (terms, proposal, member)
    assert acceptance.role == "team" and member.email in acceptance.user_name
    assert acceptance.accepted_at is not None


def test_a_version_that_changed_while_the_team_read_it_is_refused():
    proposal, member = _draft()
    _terms(proposal.challenge)
    _terms(proposal.challenge, version=2)
    with pytest.raises(proposal_services.ProposalError, match="changed while you were reading"):
        proposal_services.proposal_submit(
            proposal=proposal,
            by=member,
            publication_consent=True,
            accept_terms=True,
            terms_version=1,
        )
    assert Proposal.objects.get(pk=proposal.pk).status == "draft"


def test_a_challenge_without_terms_submits_as_before():
    proposal, member = _draft()
    proposal_services.proposal_submit(proposal=proposal, by=member, publication_consent=True)
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"
    assert not TermsAcceptance.objects.exists()


def test_a_new_version_asks_the_teams_to_accept_again(client, django_capture_on_commit_callbacks):
    proposal, member = _draft()
    _terms(proposal.challenge)
    proposal_services.proposal_submit(
        proposal=proposal, by=member, publication_consent=True, accept_terms=True
    )
    draft, draft_member = _draft(proposal.challenge)
    editor = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        v2 = terms_services.terms_publish(
            challenge=proposal.challenge,
            by=editor,
            body="<p>Results are shared under CC BY 4.0.</p>",
            change_note="Results are now openly licensed.",
        )
    assert v2.version == 2
    fresh = Proposal.objects.get(pk=proposal.pk)
    assert must_team_accept_again(fresh)
    # The submitted team hears of it; a draft's team accepts when it submits.
    notice = Notification.objects.get(recipient=member)
    assert "terms" in notice.subject and notice.url == proposal.get_absolute_url()
    assert not Notification.objects.filter(recipient=draft_member).exists()

    client.force_login(member)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "The challenge's terms have changed" in page
    assert "Results are now openly licensed." in page
    response = client.post(
        reverse("ideas:terms-accept-team", kwargs={"pk": proposal.pk}),
        {"accept": "on", "version": 2},
    )
    assert response.status_code == 302
    assert not must_team_accept_again(Proposal.objects.get(pk=proposal.pk))
    assert list(
        TermsAcceptance.objects.filter(proposal=proposal).values_list("terms__version", flat=True)
    ) == [2, 1]
    assert "terms have changed" not in client.get(proposal.get_absolute_url()).content.decode()


def test_only_the_team_accepts_for_the_team(client):
    proposal, member = _draft()
    _terms(proposal.challenge)
    outsider = partner()
    client.force_login(outsider)
    url = reverse("ideas:terms-accept-team", kwargs={"pk": proposal.pk})
    assert client.post(url, {"accept": "on", "version": 1}).status_code == 404
    assert not TermsAcceptance.objects.exists()
    client.force_login(member)
    unticked = client.post(url, {"version": 1}, follow=True)
    assert "Tick the box to accept the terms." in unticked.content.decode()
    assert not TermsAcceptance.objects.exists()


def test_the_public_terms_page_shows_the_current_version_and_the_history(client):
    page = challenge()
    _terms(page, body="<p>First terms.</p>")
    _terms(page, version=2, body="<p>Second terms.</p>", change_note="Clearer reuse rules.")
    response = client.get(reverse("ideas:challenge-terms", kwargs={"challenge_pk": page.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Second terms." in html and "First terms." not in html
    assert "Version 2" in html and "Clearer reuse rules." in html
    none = challenge()
    assert (
        client.get(reverse("ideas:challenge-terms", kwargs={"challenge_pk": none.pk})).status_code
        == 404
    )


def test_staff_add_a_version_in_the_admin_and_cannot_rewrite_an_accepted_one(client):
    page = challenge()
    editor = make_staff()
    client.force_login(editor)
    response = client.post(
        reverse("challenge_terms:add"),
        {"challenge": page.pk, "language": "fi", "body": '{"blocks": [], "entityMap": {}}'},
    )
    # The rich text widget posts Draftail's JSON; an empty text is refused next to the field.
    assert response.status_code == 200
    assert not ChallengeTerms.objects.exists()
    response = client.post(
        reverse("challenge_terms:add"),
        {
            "challenge": page.pk,
            "language": "fi",
            "body": _draftail("The team owns its results."),
            "change_note": "",
        },
    )
    assert response.status_code == 302
    terms = ChallengeTerms.objects.get()
    assert (terms.version, terms.created_by) == (1, editor)
    assert "The team owns its results." in terms.body
    proposal, member = _draft(page)
    proposal_services.proposal_submit(
        proposal=proposal, by=member, publication_consent=True, accept_terms=True
    )
    with pytest.raises(proposal_services.ProposalError, match="add a new version"):
        terms_services.terms_update(terms=terms, by=editor, body="<p>Changed.</p>")
    assert ChallengeTerms.objects.get(pk=terms.pk).body == terms.body
    listing = client.get(reverse("terms_acceptances:index")).content.decode()
    assert member.display_name in listing and proposal.title in listing
    assert client.get(reverse("challenge_terms:index")).status_code == 200


def test_staff_correct_an_unaccepted_version_in_the_admin_and_are_told_when_it_was_accepted(
    client,
):
    page = challenge()
    terms = _terms(page)
    client.force_login(make_staff())
    edit = reverse("challenge_terms:edit", args=[terms.pk])
    fields = {"language": "fi", "change_note": "typo"}
    response = client.post(edit, {**fields, "body": _draftail("Corrected terms.")})
    assert response.status_code == 302
    terms.refresh_from_db()
    assert "Corrected terms." in terms.body
    proposal, member = _draft(page)
    proposal_services.proposal_submit(
        proposal=proposal, by=member, publication_consent=True, accept_terms=True
    )
    response = client.post(edit, {**fields, "body": _draftail("Rewritten after all.")})
    assert response.status_code == 200
    assert "Someone has already accepted this version" in response.content.decode()
    terms.refresh_from_db()
    assert "Corrected terms." in terms.body


def test_only_staff_write_terms():
    page = challenge()
    with pytest.raises(proposal_services.ProposalError):
        terms_services.terms_publish(challenge=page, by=partner(), body=TERMS)


def test_the_team_writes_confidential_parts_and_marks_an_attachment_confidential(client):
    proposal, member = _draft()
    client.force_login(member)
    form = client.get(reverse("ideas:proposal-edit", kwargs={"pk": proposal.pk})).content.decode()
    assert "Confidential parts" in form and "Pricing and cost breakdown" in form
    response = client.post(
        reverse("ideas:proposal-edit", kwargs={"pk": proposal.pk}),
        {
            "title": proposal.title,
            "summary": proposal.summary,
            "body": "Public text.",
            "confidential_pricing": "12 000 € a year",
            "confidential_details": "Our lens method.",
            "language": "en",
            "version": proposal.version,
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.confidential_pricing == "12 000 € a year"
    assert proposal.confidential_details == "Our lens method."
    assert proposal.revisions.get(version=proposal.version).body == "Public text."
    client.post(
        reverse("ideas:attachment-upload", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile("prices.png", PNG), "confidential": "on"},
    )
    assert proposal.attachments.get().confidential
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "12 000 € a year" in page and "prices.png" in page
