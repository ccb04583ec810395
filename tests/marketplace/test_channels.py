"""Every way in records its channel: the web form, the on-site form a QR code or a kiosk
opens (no account), and staff's entry on a person's behalf (with consent, naming the staff
member to staff only)."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from ideas.models import Comment, Vote
from ideas.services import comments as comment_services
from ideas.services import proposals as proposal_services
from ideas.services import votes as vote_services
from marketplace import rules
from marketplace.models import Feedback, PilotStage
from marketplace.selectors import feedback as feedback_selectors
from marketplace.services import channels as channel_services
from marketplace.services.feedback import FeedbackError
from partners.channels import Channel
from tests.factories.cms import CustomerGroupFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import PilotFactory, make_pilot, selected_proposal
from tests.factories.partners import UserFactory, make_role
from tests.ideas.vote_helpers import proposals, voting_challenge

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "unverified", "resident", "partner_member", "evaluator")
STAFF = ("editor", "moderator", "superuser")


def onsite_url(pilot, language="en", token=None):
    with translation.override(language):
        return reverse(
            "marketplace:onsite-feedback",
            kwargs={"pk": pilot.pk, "token": token or channel_services.onsite_token(pilot)},
        )


# --- the web channel -----------------------------------------------------------------------


def test_web_feedback_comment_vote_and_idea_record_the_web_channel(client):
    pilot = PilotFactory()
    resident = UserFactory()
    client.force_login(resident)
    with translation.override("en"):
        client.post(reverse("marketplace:feedback-give", args=[pilot.pk]), {"rating": "4"})
    assert Feedback.objects.get(user=resident).channel == Channel.WEB

    [proposal] = proposals(voting_challenge(), 1)
    vote_services.vote_cast(user=resident, proposal=proposal)
    assert Vote.objects.get(user=resident).channel == Channel.WEB
    comment = comment_services.comment_post(proposal=proposal, author=resident, body="Good")
    assert Comment.objects.get(pk=comment.pk).channel == Channel.WEB

    challenge = make_challenge(phase="proposals", individuals_may_submit=True)
    idea = proposal_services.proposal_start(
        user=resident, challenge=challenge, organisation=None, title="An idea", summary="S"
    )
    assert idea.channel == Channel.WEB


# --- on site: QR code and kiosk, without an account -------------------------------------------


def test_the_qr_form_takes_feedback_without_an_account(client):
    group = CustomerGroupFactory()
    pilot = PilotFactory(
        proposal=selected_proposal(challenge=make_challenge(customer_groups=[group]))
    )
    url = onsite_url(pilot)
    page = client.get(url)
    assert page.status_code == 200
    assert b'<label for="id_rating_0">' in page.content or b"id_rating_0" in page.content
    response = client.post(
        url,
        {"rating": "5", "comment": "Lovely", "customer_group": group.pk, "reply_email": "a@b.fi"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?sent=1")
    feedback = Feedback.objects.get()
    assert (feedback.user, feedback.channel, feedback.rating) == (None, Channel.QR, 5)
    assert (feedback.customer_group, feedback.reply_email) == (group, "a@b.fi")
    assert feedback.entered_by is None and not feedback.entry_consent
    # The pilot's page, its average and the API read feedback without a user as any other.
    detail = client.get(pilot.get_absolute_url())
    assert detail.status_code == 200 and b"Lovely" in detail.content
    assert b"a@b.fi" not in detail.content
    assert feedback_selectors.feedback_summary(pilot).count == 1
    api = client.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert api["feedback"] == {"count": 1, "average": 5.0}


def test_the_kiosk_variant_records_kiosk_and_clears_itself(client):
    pilot = PilotFactory()
    url = onsite_url(pilot)
    page = client.get(url + "?kiosk=1")
    assert b'name="kiosk"' in page.content
    response = client.post(url, {"rating": "3", "comment": "Ok", "kiosk": "True"})
    assert response["Location"].endswith("?kiosk=1&sent=1")
    assert Feedback.objects.get().channel == Channel.KIOSK
    thanks = client.get(response["Location"])
    assert b"Thank you" in thanks.content
    assert b"Ok</textarea>" not in thanks.content  # an empty form for the next person
    assert b'http-equiv="refresh"' in thanks.content


def test_many_visitors_can_give_feedback_from_one_device(client):
    pilot = PilotFactory()
    for rating in (1, 2, 3):
        client.post(onsite_url(pilot), {"rating": str(rating)})
    assert Feedback.objects.filter(user=None).count() == 3


def test_a_wrong_token_or_an_unpublished_pilot_is_not_found(client):
    pilot = PilotFactory()
    assert client.get(onsite_url(pilot, token="0" * 16)).status_code == 404
    hidden = PilotFactory(published=False)
    assert client.get(onsite_url(hidden)).status_code == 404
    assert client.post(onsite_url(hidden), {"rating": "5"}).status_code == 404
    assert not Feedback.objects.exists()


def test_a_pilot_not_running_shows_the_form_closed(client):
    pilot = PilotFactory(stage=PilotStage.COMPLETED)
    page = client.get(onsite_url(pilot))
    assert page.status_code == 200 and b"does not take feedback now" in page.content
    client.post(onsite_url(pilot), {"rating": "5"})
    assert not Feedback.objects.exists()


def test_a_bad_rating_is_an_error_next_to_the_field(client):
    pilot = PilotFactory()
    response = client.post(onsite_url(pilot), {"rating": "9", "comment": "Kept"})
    assert response.status_code == 400
    assert b"Kept</textarea>" in response.content
    assert not Feedback.objects.exists()


def test_the_form_is_csrf_protected(settings):
    from django.test import Client

    pilot = PilotFactory()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(onsite_url(pilot), {"rating": "5"}).status_code == 403
    assert not Feedback.objects.exists()


def test_the_on_site_form_is_rate_limited_and_gives_the_form_back(client, settings):
    settings.TORI_ONSITE_FEEDBACK_RATE = "2/m"
    pilot = PilotFactory()
    for _ in range(2):
        assert client.post(onsite_url(pilot), {"rating": "4"}).status_code == 302
    refused = client.post(onsite_url(pilot), {"rating": "2", "comment": "Third one"})
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert b"Third one</textarea>" in refused.content
    assert Feedback.objects.count() == 2


def test_the_form_speaks_finnish_and_swedish(client):
    pilot = PilotFactory()
    assert "Anna palautetta" in client.get(onsite_url(pilot, "fi")).content.decode()
    assert "Ge respons" in client.get(onsite_url(pilot, "sv")).content.decode()


# --- staff-assisted entry ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES + STAFF)
def test_only_staff_may_enter_on_a_persons_behalf(role):
    assert rules.can_enter_on_behalf(make_role(role)) is (role in STAFF)


@pytest.mark.parametrize("role", ROLES + STAFF)
def test_only_staff_may_import_feedback(role):
    assert rules.can_import_feedback(make_role(role)) is (role in STAFF)


@pytest.mark.parametrize("role", ("visitor", "resident", "evaluator", "team", *STAFF))
def test_the_posters_are_for_the_pilots_team_and_staff(role):
    pilot = PilotFactory()
    if role == "team":
        user = make_role("partner_member", organisation=pilot.proposal.lead_organisation)
    else:
        user = make_role(role)
    assert rules.can_download_posters(user, pilot) is (role in ("team", *STAFF))


def entry(**fields):
    values = {
        "pilot": fields.pop("pilot", None) or PilotFactory(),
        "rating": "4",
        "comment": "Said on the phone",
        "person_name": "Aino Asukas",
        "entry_consent": "on",
    }
    values["pilot"] = values["pilot"].pk
    values.update(fields)
    return values


def test_staff_enter_feedback_on_a_persons_behalf(client):
    editor = make_role("editor")
    client.force_login(editor)
    response = client.post(reverse("feedback_channels:on-behalf"), entry())
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.channel, feedback.user, feedback.entered_by) == (
        Channel.ASSISTED,
        None,
        editor,
    )
    assert feedback.entry_consent
    log = ModelLogEntry.objects.get(action=channel_services.ENTERED_ON_BEHALF_ACTION)
    assert log.user == editor and log.data["person"] == "Aino Asukas"
    # Staff see that it was entered by staff.
    listing = client.get(reverse("pilot_feedback:index")).content.decode()
    assert "Entered by staff (phone or in person)" in listing
    # The public page shows the feedback, never the staff member or the person.
    client.logout()
    page = client.get(feedback.pilot.get_absolute_url()).content.decode()
    assert "Said on the phone" in page
    assert "Aino Asukas" not in page and editor.get_full_name() not in page
    assert "Entered by staff" not in page


def test_an_entry_without_the_persons_consent_is_refused(client):
    client.force_login(make_role("moderator"))
    response = client.post(reverse("feedback_channels:on-behalf"), entry(entry_consent=""))
    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert not Feedback.objects.exists()
    with pytest.raises(Exception, match="consented"):
        channel_services.feedback_record(
            pilot=PilotFactory(),
            channel=Channel.ASSISTED,
            rating=4,
            entered_by=make_role("editor"),
            entry_consent=False,
        )


@pytest.mark.parametrize("role", ROLES)
def test_others_cannot_enter_on_a_persons_behalf(client, role):
    user = make_role(role)
    if role != "visitor":
        client.force_login(user)
    response = client.post(reverse("feedback_channels:on-behalf"), entry())
    assert response.status_code in (302, 403)
    assert not Feedback.objects.exists()
    with pytest.raises(FeedbackError):
        channel_services.feedback_record(
            pilot=PilotFactory(),
            channel=Channel.ASSISTED,
            rating=4,
            entered_by=user,
            entry_consent=True,
        )


def test_the_web_channel_is_not_recorded_without_an_account():
    with pytest.raises(FeedbackError):
        channel_services.feedback_record(pilot=make_pilot(), channel=Channel.WEB, rating=3)


def test_admin_listings_show_and_filter_by_channel(client):
    pilot = PilotFactory()
    channel_services.feedback_record(pilot=pilot, channel=Channel.QR, rating=4, comment="By QR")
    web_user = UserFactory()
    from marketplace.services.feedback import feedback_give

    feedback_give(pilot=pilot, user=web_user, rating=2, comment="By web")
    client.force_login(make_role("moderator"))
    listing = client.get(reverse("pilot_feedback:index"), {"channel": "qr"}).content.decode()
    assert "By QR" in listing and "By web" not in listing
    export = client.get(reverse("pilot_feedback:index"), {"export": "csv"})
    exported = b"".join(export.streaming_content).decode()
    assert "qr" in exported and "web" in exported
    ProposalFactory(challenge=make_challenge())
    proposals_page = client.get(reverse("ideas_proposal:index"), {"channel": "web"})
    assert proposals_page.status_code == 200


def test_staff_see_a_proposals_live_votes_by_channel(client):
    [proposal] = proposals(voting_challenge(), 1)
    voters = [UserFactory() for _ in range(3)]
    for voter in voters:
        vote_services.vote_cast(user=voter, proposal=proposal)
    vote_services.vote_withdraw(user=voters[0], proposal=proposal)
    client.force_login(make_role("editor"))
    page = client.get(reverse("ideas_votes:chart", args=[proposal.pk]))
    assert page.context["by_channel"] == [("Web", 2)]
    assert "<td>Web</td><td>2</td>" in page.content.decode()
