"""Staff enter a vote, an idea or a comment for a person who takes part by phone or in person:
on the person's own account, with their consent, recorded with the staff member, and told to
the person at once. Every rule of the person's own participation still holds."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from ideas.models import Comment, Proposal, ProposalStatus, TermsAcceptance, Vote
from ideas.services import assisted
from ideas.services import votes as vote_services
from marketplace.services import breakdowns
from partners.channels import Channel
from partners.models import User
from partners.notice_models import Notification
from partners.services.assisted import OnBehalfRefused
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory, make_role
from tests.ideas.vote_helpers import proposals, voting_challenge

pytestmark = pytest.mark.django_db

NOT_STAFF = ("visitor", "unverified", "resident", "partner_member", "evaluator")
STAFF = ("editor", "moderator", "superuser")


@pytest.fixture
def staff():
    return UserFactory(groups=["Editors"], is_staff=True, display_name="Sanna Staff")


def person(**extra):
    return {
        "email": "Aino.Assisted@Example.org",
        "name": "Aino A.",
        "language": "sv",
        "consent": True,
        **extra,
    }


# --- votes ----------------------------------------------------------------------------------


def test_a_vote_for_a_person_without_an_account_opens_one_and_counts_once(staff):
    [proposal] = proposals(voting_challenge(), 1)
    outcome, aino = assisted.vote_on_behalf(by=staff, proposal=proposal, **person())

    assert outcome is vote_services.Outcome.CAST
    assert (aino.email, aino.display_name, aino.preferred_language) == (
        "aino.assisted@example.org",
        "Aino A.",
        "sv",
    )
    assert aino.is_verified and not aino.has_usable_password()
    vote = Vote.objects.get(user=aino)
    assert (vote.channel, vote.entered_by, vote.entry_consent) == (Channel.ASSISTED, staff, True)
    proposal.refresh_from_db()
    assert proposal.vote_count == 1

    again, _same = assisted.vote_on_behalf(by=staff, proposal=proposal, **person())
    assert again is vote_services.Outcome.ALREADY_VOTED
    proposal.refresh_from_db()
    assert (proposal.vote_count, User.objects.filter(email__iexact=aino.email).count()) == (1, 1)


def test_the_person_is_told_at_once_in_their_language_and_how_to_sign_in(
    staff, django_capture_on_commit_callbacks
):
    [proposal] = proposals(voting_challenge(), 1, title="Tyst morgon")
    with django_capture_on_commit_callbacks(execute=True):
        _outcome, aino = assisted.vote_on_behalf(by=staff, proposal=proposal, **person())
    notice = Notification.objects.get(recipient=aino)
    assert notice.kind == Notification.Kind.ON_BEHALF
    with translation.override("sv"):
        assert notice.url == reverse("ideas:my-votes")
    [message] = mail.outbox
    assert message.to == ["aino.assisted@example.org"]
    assert "Tyst morgon" in message.body
    with translation.override("sv"):
        assert str(translation.gettext("Forgot your password?")) in message.body
    assert "Sanna Staff" not in message.body  # the staff member is named to staff only


def test_an_existing_account_votes_on_its_own_quota(staff):
    challenge = voting_challenge(votes_per_resident=1)
    first, second = proposals(challenge, 2)
    aino = UserFactory(email="aino.assisted@example.org")
    vote_services.vote_cast(user=aino, proposal=first)  # on the web, herself

    with pytest.raises(vote_services.VoteRefused):
        assisted.vote_on_behalf(by=staff, proposal=second, **person(name=""))
    assert Vote.objects.filter(user=aino).count() == 1
    outcome, same = assisted.vote_on_behalf(by=staff, proposal=first, **person(name=""))
    assert (outcome, same) == (vote_services.Outcome.ALREADY_VOTED, aino)
    assert Vote.objects.get(user=aino).channel == Channel.WEB


def test_assisted_votes_appear_in_the_breakdown_by_channel(staff):
    challenge = voting_challenge()
    [proposal] = proposals(challenge, 1)
    for n in range(5):
        assisted.vote_on_behalf(
            by=staff, proposal=proposal, **person(email=f"p{n}@example.org", name=f"P{n}")
        )
    table = breakdowns.challenge_votes(challenge).as_dict()
    assert table["totals"]["cells"][Channel.ASSISTED]["count"] == 5


def test_the_audit_log_names_the_person_and_the_staff_member(staff):
    [proposal] = proposals(voting_challenge(), 1)
    _outcome, aino = assisted.vote_on_behalf(by=staff, proposal=proposal, **person())
    entry = ModelLogEntry.objects.get(action=assisted.ENTERED_ON_BEHALF_ACTION)
    assert (entry.user, entry.data["person"], entry.data["what"]) == (staff, "Aino A.", "vote")
    assert ModelLogEntry.objects.filter(
        action="tori.account_for_person", object_id=str(aino.pk), user=staff
    ).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": False}, "entry_consent"),
        ({"name": ""}, "name"),
        ({"email": " "}, "email"),
    ],
)
def test_nothing_is_entered_without_consent_or_a_name_for_a_new_account(staff, change, field):
    [proposal] = proposals(voting_challenge(), 1)
    with pytest.raises(OnBehalfRefused) as refused:
        assisted.vote_on_behalf(by=staff, proposal=proposal, **person(**change))
    assert refused.value.field == field
    assert not Vote.objects.exists()
    assert not User.objects.filter(email="aino.assisted@example.org").exists()


def test_a_closed_account_gets_nothing_entered(staff):
    [proposal] = proposals(voting_challenge(), 1)
    UserFactory(email="aino.assisted@example.org", is_active=False)
    with pytest.raises(OnBehalfRefused) as refused:
        assisted.vote_on_behalf(by=staff, proposal=proposal, **person())
    assert refused.value.field == "email"
    assert not Vote.objects.exists()


@pytest.mark.parametrize("role", NOT_STAFF)
def test_only_staff_enter_on_a_persons_behalf(role):
    [proposal] = proposals(voting_challenge(), 1)
    with pytest.raises(OnBehalfRefused):
        assisted.vote_on_behalf(by=make_role(role), proposal=proposal, **person())
    with pytest.raises(OnBehalfRefused):
        assisted.comment_on_behalf(by=make_role(role), proposal=proposal, body="Hi", **person())
    assert not Vote.objects.exists() and not Comment.objects.exists()


# --- comments -------------------------------------------------------------------------------


def test_a_comment_is_public_under_the_persons_name_never_the_staff_members(staff, client):
    proposal = ProposalFactory(challenge=make_challenge(phase="proposals"))
    comment, aino = assisted.comment_on_behalf(
        by=staff, proposal=proposal, body="Benches, please.", **person()
    )
    assert (comment.author, comment.channel, comment.entered_by) == (aino, "assisted", staff)
    assert not comment.by_staff
    page = client.get(reverse("ideas:proposal-detail", args=[proposal.pk])).content.decode()
    assert "Benches, please." in page and "Aino A." in page
    assert "Sanna Staff" not in page


# --- ideas ----------------------------------------------------------------------------------


def idea_challenge(**fields):
    return make_challenge(phase="proposals", individuals_may_submit=True, **fields)


def idea(challenge, by, **extra):
    fields = {
        "title": "A quiet room",
        "summary": "Somewhere to rest.",
        "publication_consent": True,
        **extra,
    }
    return assisted.idea_on_behalf(by=by, challenge=challenge, **person(), **fields)


def test_an_idea_is_the_persons_own_and_submitted(staff):
    challenge = idea_challenge()
    proposal, aino = idea(challenge, staff)
    proposal.refresh_from_db()
    assert (proposal.created_by, proposal.status, proposal.lead_organisation) == (
        aino,
        ProposalStatus.SUBMITTED,
        None,
    )
    assert (proposal.channel, proposal.entered_by, proposal.entry_consent) == (
        Channel.ASSISTED,
        staff,
        True,
    )
    assert proposal.team.get().user == aino


def test_an_idea_needs_the_persons_acceptance_of_the_terms(staff):
    from ideas.services.terms import terms_publish

    challenge = idea_challenge()
    terms = terms_publish(challenge=challenge, by=staff, body="<p>Yours stays yours.</p>")
    with pytest.raises(assisted.proposal_services.ProposalError):
        idea(challenge, staff)
    assert not Proposal.objects.filter(title="A quiet room").exists()
    assert not User.objects.filter(email="aino.assisted@example.org").exists()

    proposal, aino = idea(challenge, staff, accept_terms=True, terms_version=terms.version)
    acceptance = TermsAcceptance.objects.get(proposal=proposal)
    assert (acceptance.user, acceptance.terms) == (aino, terms)


# --- the admin forms ------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_STAFF)
def test_the_admin_forms_refuse_everyone_but_staff(client, role):
    user = make_role(role)
    if user.is_authenticated:
        client.force_login(user)
    challenge = idea_challenge()
    for url in (
        reverse("assisted:index"),
        reverse("assisted:vote"),
        reverse("assisted:comment"),
        reverse("assisted:idea", args=[challenge.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post(reverse("assisted:vote"), {}).status_code in (302, 403)


@pytest.mark.parametrize("role", STAFF)
def test_staff_enter_a_vote_in_the_admin(client, role):
    user = make_role(role)
    client.force_login(user)
    [proposal] = proposals(voting_challenge(), 1, title="Quiet mornings")
    page = client.get(reverse("assisted:vote")).content.decode()
    assert "Quiet mornings" in page
    response = client.post(
        reverse("assisted:vote"),
        {
            "proposal": proposal.pk,
            "email": "aino@example.org",
            "name": "Aino",
            "language": "fi",
            "entry_consent": "on",
        },
    )
    assert response.status_code == 302
    assert Vote.objects.get(proposal=proposal).entered_by == user


def test_a_refused_entry_keeps_the_text_and_says_why_next_to_the_field(client, staff):
    client.force_login(staff)
    proposal = ProposalFactory(challenge=make_challenge(phase="proposals"))
    data = {
        "proposal": proposal.pk,
        "body": "My words, kept.",
        "email": "new.person@example.org",
        "name": "",
        "language": "fi",
        "entry_consent": "on",
    }
    response = client.post(reverse("assisted:comment"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors
    assert "My words, kept." in response.content.decode()
    assert not Comment.objects.exists()

    response = client.post(
        reverse("assisted:comment"), {**data, "name": "New", "entry_consent": ""}
    )
    assert "entry_consent" in response.context["form"].errors
    assert not Comment.objects.exists()


def test_the_idea_form_asks_for_consent_and_terms_only_where_the_challenge_has_them(client, staff):
    from ideas.services.terms import terms_publish

    client.force_login(staff)
    plain = idea_challenge(proposals_public=False)
    fields = client.get(reverse("assisted:idea", args=[plain.pk])).context["form"].fields
    assert "publication_consent" not in fields and "accept_terms" not in fields
    with_terms = idea_challenge()
    terms_publish(challenge=with_terms, by=staff, body="<p>Terms</p>")
    fields = client.get(reverse("assisted:idea", args=[with_terms.pk])).context["form"].fields
    assert "publication_consent" in fields and "accept_terms" in fields


def test_a_challenge_that_takes_no_ideas_from_individuals_has_no_idea_form(client, staff):
    client.force_login(staff)
    organisations_only = make_challenge(phase="proposals", individuals_may_submit=False)
    closed = make_challenge(phase="voting", individuals_may_submit=True)
    for challenge in (organisations_only, closed):
        url = reverse("assisted:idea", args=[challenge.pk])
        assert client.get(url, follow=True).status_code == 404
    index = client.get(reverse("assisted:index")).content.decode()
    assert reverse("assisted:idea", args=[organisations_only.pk]) not in index
