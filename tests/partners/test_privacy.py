"""Privacy rights: data export, account erasure, retention."""

import io
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ideas.models import Comment, Proposal, Review, TeamInvitation, TeamMember, Vote
from ideas.services import votes as vote_services
from marketplace.models import Feedback
from partners import privacy
from partners.models import Membership, Notification, OrganisationInvitation
from partners.notifications import notify
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import PilotFactory, add_feedback
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.reviews import make_review

pytestmark = pytest.mark.django_db

EMAIL = "zorro.target@privacy-test.example"
NAME = "Quetzalia Erasure-Target"
PASSWORD = "pass-word-123"


def _rich_user():
    """A user with a row in as many user-related tables as a test can reach."""
    user = UserFactory(email=EMAIL, display_name=NAME)
    other = UserFactory()
    voting = make_challenge(phase="voting", title="Voting", votes_per_resident=3)
    proposal = ProposalFactory(challenge=voting)
    vote_services.vote_cast(user=user, proposal=proposal)
    Comment.objects.create(proposal=proposal, author=user, body="I like this idea.")
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.MEMBER)
    OrganisationInvitation.objects.create(
        organisation=organisation, email="friend@example.org", invited_by=user
    )
    OrganisationInvitation.objects.create(organisation=OrganisationFactory(), email=EMAIL)
    TeamInvitation.objects.create(proposal=proposal, email=EMAIL, invited_by=other)
    notify(recipient=user, kind="status", subject="Your proposal", body="Hello")
    notify(
        recipient=other, kind="status", subject=f"{NAME} joined", body=f"{NAME} <{EMAIL}> joined"
    )
    pilot = PilotFactory()
    add_feedback(pilot, 4, user=user, comment="Nice pilot")
    make_review(proposal=proposal, evaluator=user, comment="Solid plan")
    return user, proposal, pilot


def _client_for(client, user):
    client.force_login(user)
    return client


def test_every_model_related_to_the_user_is_in_the_export(client):
    """A new model with a FK/O2O/M2M to the user must appear in the export (it is generic)."""
    user, *_ = _rich_user()
    related = {}
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if (
                f.is_relation
                and not f.auto_created
                and f.related_model is get_user_model()
                and (f.concrete or f.many_to_many)
            ):
                related[f"{f.model._meta.label}.{f.name}"] = (f.model, f)
    assert "ideas.Vote.user" in related and "partners.Membership.user" in related

    response = _client_for(client, user).post(reverse("partners:data-download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    missing = sorted(set(related) - set(data["related"]))
    assert not missing, f"models related to the user missing from the export: {missing}"
    # Every row that exists is exported.
    for key, (model, f) in related.items():
        expected = model._base_manager.filter(**{f.name: user}).count()
        assert len(data["related"][key]) == expected, key
    assert data["account"][0]["fields"]["email"] == EMAIL
    assert "password" not in data["account"][0]["fields"]
    assert "partners.OrganisationInvitation.email" in data["addressed_to_email"]
    assert len(data["related"]["ideas.Vote.user"]) == 1
    assert data["related"]["ideas.Comment.author"][0]["fields"]["body"] == "I like this idea."


def test_download_needs_sign_in_and_post(client):
    response = client.post(reverse("partners:data-download"))
    assert response.status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("partners:data-download")).status_code == 405


def test_profile_offers_download_and_deletion(client):
    _client_for(client, UserFactory())
    html = client.get(reverse("partners:profile")).content.decode()
    assert reverse("partners:data-download") in html
    assert reverse("partners:account-delete") in html


def _text_dump() -> str:
    """Every text column of every table, as one string."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            description = connection.introspection.get_table_description(cursor, table)
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from the DB
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (dict, list)):  # JSON columns on PostgreSQL
                        value = json.dumps(value, ensure_ascii=False)
                    if isinstance(value, (str, bytes, memoryview)):
                        text = (
                            bytes(value).decode("utf-8", "replace")
                            if not isinstance(value, str)
                            else value
                        )
                        chunks.append(text)
            assert description is not None
    return "\n".join(chunks).lower()


def test_erasure_removes_email_and_name_everywhere(client):
    user, proposal, pilot = _rich_user()
    proposal.refresh_from_db()
    votes_before = proposal.vote_count
    comments_before = Comment.objects.filter(proposal=proposal).count()
    feedback_before = Feedback.objects.filter(pilot=pilot).count()
    reviews_before = Review.objects.filter(proposal=proposal).count()
    assert EMAIL in _text_dump() and NAME.lower() in _text_dump()
    _client_for(client, user)
    assert client.session.session_key

    response = client.post(
        reverse("partners:account-delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302

    dump = _text_dump()
    assert EMAIL.lower() not in dump
    assert NAME.lower() not in dump
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    # Counts stay consistent with anonymised rows.
    proposal.refresh_from_db()
    assert proposal.vote_count == votes_before == Vote.objects.filter(proposal=proposal).count()
    assert Comment.objects.filter(proposal=proposal).count() == comments_before
    assert Comment.objects.get(proposal=proposal).author is None
    assert Feedback.objects.filter(pilot=pilot).count() == feedback_before
    assert Review.objects.filter(proposal=proposal).count() == reviews_before
    placeholder = Vote.objects.get(proposal=proposal).user
    assert not placeholder.is_active and not placeholder.has_usable_password()
    assert placeholder not in privacy.unverified_accounts(now=timezone.now() + timedelta(days=99))
    # Memberships, notifications, sessions and invitations to the address are gone.
    assert not Membership.objects.filter(user_id=user.pk).exists()
    assert not Notification.objects.filter(recipient_id=user.pk).exists()
    assert not OrganisationInvitation.objects.filter(email=EMAIL).exists()
    assert not TeamInvitation.objects.filter(email=EMAIL).exists()
    # The anonymous comment still shows in the discussion, as a deleted user's.
    page = client.get(proposal.get_absolute_url())
    assert page.status_code == 200
    assert "I like this idea." in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_erasure_needs_the_password(client):
    user = UserFactory(email=EMAIL)
    _client_for(client, user)
    response = client.post(
        reverse("partners:account-delete"), {"password": "wrong", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "The password is not correct." in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_only_owner_of_an_organisation_leading_proposals_is_asked_to_hand_over(client):
    user = UserFactory()
    organisation = OrganisationFactory(name="Lead Org")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.OWNER)
    ProposalFactory(challenge=make_challenge(), lead_organisation=organisation)
    _client_for(client, user)
    page = client.get(reverse("partners:account-delete"))
    html = page.content.decode()
    assert "You are the only owner of Lead Org" in html
    assert reverse("partners:organisation-members", kwargs={"slug": organisation.slug}) in html
    response = client.post(
        reverse("partners:account-delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 409
    assert get_user_model().objects.filter(pk=user.pk).exists()
    # With a second owner the account can go; the organisation keeps its proposals.
    MembershipFactory(organisation=organisation, role=Membership.Role.OWNER)
    response = client.post(
        reverse("partners:account-delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert Proposal.objects.filter(lead_organisation=organisation).count() == 1


def test_individual_author_must_withdraw_first(client):
    user = UserFactory()
    proposal = ProposalFactory(
        challenge=make_challenge(individuals_may_submit=True),
        lead_organisation=None,
        created_by=user,
        title="My own idea",
    )
    assert TeamMember.objects.filter(proposal=proposal, user=user, role="lead").exists()
    with pytest.raises(privacy.ErasureRefused) as refused:
        privacy.erase_account(user=user)
    assert "My own idea" in str(refused.value)
    _client_for(client, user)
    html = client.get(reverse("partners:account-delete")).content.decode()
    assert proposal.get_absolute_url() in html
    # A draft of one's own is erased with the account.
    Proposal.objects.filter(pk=proposal.pk).update(status="draft")
    privacy.erase_account(user=user)
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_remove_unverified_accounts_command(settings, capsys):
    settings.TORI_UNVERIFIED_MAX_AGE_DAYS = 30
    old = UserFactory(unverified=True)
    get_user_model().objects.filter(pk=old.pk).update(
        date_joined=timezone.now() - timedelta(days=31)
    )
    recent = UserFactory(unverified=True)
    verified_old = UserFactory()
    get_user_model().objects.filter(pk=verified_old.pk).update(
        date_joined=timezone.now() - timedelta(days=400)
    )
    call_command("remove_unverified_accounts")
    out = capsys.readouterr().out
    assert "1 unverified account(s) older than 30 days." in out
    assert f"[1/1] removed account #{old.pk}" in out
    users = get_user_model().objects
    assert not users.filter(pk=old.pk).exists()
    assert users.filter(pk=recent.pk).exists() and users.filter(pk=verified_old.pk).exists()


def test_default_retention_is_30_days():
    from django.conf import settings as django_settings

    assert django_settings.TORI_UNVERIFIED_MAX_AGE_DAYS == 30


def test_privacy_notice_is_linked_from_the_footer(client):
    from cms import demo as cms_demo

    cms_demo.seed(stdout=io.StringIO())
    html = client.get("/en/").content.decode()
    footer = html.split('class="site-footer"', 1)[1]
    assert "Privacy notice" in footer
