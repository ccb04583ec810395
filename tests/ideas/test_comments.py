"""Comments: public and team-only, one level of replies, reports, moderation, rate limit."""

import pytest
from django.urls import reverse

from ideas.models import Comment, CommentReport
from ideas.services import comments as comment_services
from ideas.services.proposals import ProposalError
from partners.models import Notification
from tests.factories.partners import UserFactory

from .proposal_helpers import challenge, partner, private_root, proposal_with_lead, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def post(client, proposal, body="Nice idea", **data):
    return client.post(
        reverse("ideas:comment-post", kwargs={"pk": proposal.pk}), {"body": body, **data}
    )


def test_resident_comments_on_a_public_proposal(client):
    proposal, _ = proposal_with_lead()
    resident = UserFactory()
    client.force_login(resident)
    response = post(client, proposal, "Would love this")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.visibility) == (resident, "public")
    assert "Would love this" in client.get(proposal.get_absolute_url()).content.decode()


def test_unverified_and_anonymous_cannot_comment(client):
    proposal, _ = proposal_with_lead()
    client.force_login(UserFactory(unverified=True))
    assert post(client, proposal).status_code == 403
    client.logout()
    assert post(client, proposal).status_code == 302  # to the sign-in page
    assert not Comment.objects.exists()


def test_residents_cannot_comment_on_confidential_proposals(client):
    proposal, lead = proposal_with_lead(challenge(proposals_public=False))
    with pytest.raises(ProposalError):
        comment_services.comment_post(proposal=proposal, author=UserFactory(), body="x")
    client.force_login(UserFactory())
    assert post(client, proposal).status_code == 404


def test_team_only_comments_are_seen_by_team_and_staff_only(client):
    proposal, lead = proposal_with_lead()
    comment_services.comment_post(
        proposal=proposal, author=lead, body="Internal note", visibility="team"
    )
    with pytest.raises(ProposalError):
        comment_services.comment_post(
            proposal=proposal, author=UserFactory(), body="sneaky", visibility="team"
        )
    for user, sees in ((lead, True), (staff(), True), (UserFactory(), False), (partner(), False)):
        client.force_login(user)
        assert ("Internal note" in client.get(proposal.get_absolute_url()).content.decode()) is sees
    client.logout()
    assert "Internal note" not in client.get(proposal.get_absolute_url()).content.decode()


def test_staff_answer_and_replies_are_one_level_deep():
    proposal, lead = proposal_with_lead()
    question = comment_services.comment_post(
        proposal=proposal, author=UserFactory(), body="How much?"
    )
    answer = comment_services.comment_post(
        proposal=proposal, author=staff(), body="Budget is fixed", parent=question
    )
    assert answer.by_staff and answer.parent == question
    deeper = comment_services.comment_post(
        proposal=proposal, author=lead, body="Thanks", parent=answer
    )
    assert deeper.parent == question


def test_report_hide_and_removed_by_moderator(client, django_capture_on_commit_callbacks):
    proposal, lead = proposal_with_lead()
    author = UserFactory()
    comment = comment_services.comment_post(proposal=proposal, author=author, body="Rude words")
    reporter = UserFactory()
    client.force_login(reporter)
    url = reverse("ideas:comment-report", kwargs={"pk": proposal.pk, "comment_pk": comment.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "Insulting"})
    assert CommentReport.objects.get().reporter == reporter
    with pytest.raises(ProposalError, match="already reported"):
        comment_services.comment_report(comment=comment, reporter=reporter)
    with pytest.raises(ProposalError):
        comment_services.comment_report(comment=comment, reporter=author)  # not your own

    moderator = UserFactory(groups=["Moderators"], is_superuser=True, is_staff=True)
    client.force_login(moderator)
    queue = client.get(reverse("ideas_moderation:index")).content.decode()
    assert "Rude words" in queue
    hide = reverse("ideas_moderation:hide", args=[comment.pk])
    assert client.post(hide, {"action": "hide", "reason": ""}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(hide, {"action": "hide", "reason": "Insults"}).status_code == 302
    comment.refresh_from_db()
    assert (
        comment.is_hidden and comment.hidden_reason == "Insults" and comment.hidden_by == moderator
    )
    assert "Rude words" not in client.get(reverse("ideas_moderation:index")).content.decode()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "removed by a moderator" in page and "Rude words" not in page
    assert Notification.objects.get(recipient=author, kind="moderation")


def test_only_moderators_hide():
    proposal, _ = proposal_with_lead()
    comment = comment_services.comment_post(proposal=proposal, author=UserFactory(), body="x")
    with pytest.raises(ProposalError):
        comment_services.comment_hide(
            comment=comment, by=UserFactory(groups=["Editors"]), reason="no"
        )


def test_moderation_queue_is_closed_to_non_moderators(client):
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(reverse("ideas_moderation:index")).status_code in (302, 403)


def test_comment_posting_is_rate_limited_per_user(client, settings):
    settings.TORI_COMMENT_RATE = "3/m"
    proposal, _ = proposal_with_lead()
    resident = UserFactory()
    client.force_login(resident)
    for n in range(3):
        assert post(client, proposal, f"Comment {n}").status_code == 302
    response = post(client, proposal, "One too many")
    assert response.status_code == 429
    content = response.content.decode()
    assert "You are commenting too fast" in content
    assert "One too many" in content  # the text is kept in the form
    assert Comment.objects.count() == 3
    client.force_login(UserFactory())  # another user is not limited
    assert post(client, proposal, "Someone else").status_code == 302


def test_default_rate_is_ten_a_minute(client):
    from django.conf import settings

    assert settings.TORI_COMMENT_RATE == "10/m"
    proposal, _ = proposal_with_lead()
    client.force_login(UserFactory())
    codes = [post(client, proposal, f"c{n}").status_code for n in range(11)]
    assert codes == [302] * 10 + [429]
