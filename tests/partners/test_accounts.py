import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from partners import rules, tokens
from partners.models import User
from partners.services import accounts as account_services
from partners.services.errors import DuplicateEmail
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-rare-pass-77"


def register(client, run_on_commit, **overrides):
    data = {
        "email": "new.person@example.org",
        "display_name": "New Person",
        "preferred_language": "en",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    with run_on_commit():
        return client.post(reverse("partners:register"), data)


def test_registration_creates_unverified_account_and_mails_a_link(client, run_on_commit, mail_link):
    response = register(client, run_on_commit)
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert not user.is_verified
    # Not signed in: a taken address must get the same answer (the link signs in nobody
    # either; the person signs in with the password just chosen).
    assert client.get(reverse("partners:profile")).status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert "/en/account/verify/" in mail_link(mail.outbox[0])  # in the chosen language


def test_registration_mail_is_written_in_the_chosen_language(client, run_on_commit):
    register(client, run_on_commit, preferred_language="sv")
    assert "/sv/account/verify/" in mail.outbox[0].body


def _answer(response, client):
    """What a visitor sees of a registration: the response, where it leads, the cookies it
    sets (not their values) and whether it signed anyone in."""
    followed = client.get(response["Location"])
    return (
        response.status_code,
        response["Location"],
        sorted(response.cookies),
        followed.status_code,
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", followed.content.decode()),
        client.get(reverse("partners:profile")).status_code,
    )


def test_registration_does_not_tell_whether_an_address_has_an_account(client, run_on_commit):
    """A taken address gets the very answer a new one gets; no account is created or changed;
    the owner is told by mail in their own language, with links to sign in and reset."""
    from django.test import Client

    owner = UserFactory(email="taken@example.org", display_name="Owner", preferred_language="sv")
    before = User.objects.values().get(pk=owner.pk)
    new = _answer(register(client, run_on_commit, email="fresh@example.org"), client)
    other = Client()
    taken = _answer(register(other, run_on_commit, email="Taken@Example.org"), other)
    assert taken == new
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert User.objects.values().get(pk=owner.pk) == before
    assert [m.to for m in mail.outbox] == [["fresh@example.org"], ["taken@example.org"]]
    notice = mail.outbox[1]
    assert notice.subject == "Du har redan ett konto i Tori"
    assert "/sv/account/login/" in notice.body
    assert "/sv/account/password-reset/" in notice.body
    assert "/verify/" not in notice.body


def test_registration_errors_are_shown_next_to_fields(client, run_on_commit):
    response = register(client, run_on_commit, password2="something-else-99", email="not-an-email")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords differ." in html
    assert "Enter a valid email address." in html
    assert not User.objects.exists()


def test_verification_link_verifies_once_then_is_refused_as_used(client, run_on_commit, mail_link):
    register(client, run_on_commit)
    link = mail_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a confirm button, nothing used up yet
    assert not User.objects.get().is_verified
    response = client.post(link)
    assert response.status_code == 302
    assert User.objects.get().is_verified
    again = client.post(link)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert "already been used" in client.get(link).content.decode()


def test_expired_verification_link_is_refused_with_its_own_message(client):
    user = UserFactory(unverified=True)
    with time_machine.travel(
        timezone.now() - timedelta(seconds=settings.TORI_VERIFICATION_MAX_AGE + 60)
    ):
        token = tokens.make_verification_token(user)
    response = client.post(reverse("partners:verify-email", kwargs={"token": token}))
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_verified


def test_tampered_verification_link_is_refused(client):
    user = UserFactory(unverified=True)
    token = tokens.make_verification_token(user) + "x"
    response = client.post(reverse("partners:verify-email", kwargs={"token": token}))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def test_resend_verification_sends_a_fresh_link_and_does_not_reveal_accounts(client):
    UserFactory(email="someone@example.org", unverified=True)
    client.post(reverse("partners:resend-verification"), {"email": "someone@example.org"})
    assert len(mail.outbox) == 1
    response = client.post(
        reverse("partners:resend-verification"), {"email": "nobody@example.org"}, follow=True
    )
    assert len(mail.outbox) == 1
    assert "If an unverified account uses this address" in response.content.decode()


def test_unverified_user_can_sign_in_but_is_not_verified(client):
    UserFactory(email="unv@example.org", unverified=True, preferred_language="sv")
    response = client.post(
        reverse("partners:login"), {"username": "UNV@example.org", "password": "pass-word-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/sv/account/"  # the user's own language after sign-in
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    user = response.wsgi_request.user
    assert user.is_authenticated
    assert rules.is_verified(user) is False
    assert rules.can_take_part(user) is False


def test_login_keeps_an_explicit_next(client):
    UserFactory(email="a@example.org")
    response = client.post(
        reverse("partners:login"),
        {"username": "a@example.org", "password": "pass-word-123", "next": "/en/organisations/"},
    )
    assert response["Location"] == "/en/organisations/"


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(email="a@example.org")
    response = client.post(
        reverse("partners:login"), {"username": "a@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "The e-mail address or password is wrong" in response.content.decode()


def test_failed_logins_are_rate_limited_per_account(client, settings):
    settings.TORI_LOGIN_RATE = "3/m"
    UserFactory(email="a@example.org")
    for _ in range(3):
        assert (
            client.post(
                reverse("partners:login"), {"username": "a@example.org", "password": "no"}
            ).status_code
            == 200
        )
    response = client.post(
        reverse("partners:login"), {"username": "a@example.org", "password": "pass-word-123"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    response = client.post(reverse("partners:logout"))
    assert response.status_code == 302
    assert client.get(reverse("partners:profile")).status_code == 302


def test_profile_requires_sign_in(client):
    response = client.get(reverse("partners:profile"))
    assert response.status_code == 302
    assert reverse("partners:login") in response["Location"]


def test_profile_edit_saves_name_and_language(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.post(
        reverse("partners:profile"), {"display_name": "Renamed", "preferred_language": "fi"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Renamed", "fi")


def test_profile_edit_shows_errors_next_to_fields(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("partners:profile"), {"display_name": "", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist') >= 2


def test_email_change_keeps_old_address_until_new_one_is_confirmed(
    client, run_on_commit, mail_link
):
    user = UserFactory(email="old@example.org")
    client.force_login(user)
    with run_on_commit():
        response = client.post(reverse("partners:email-change"), {"new_email": "New@Example.org"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old@example.org"
    assert mail.outbox[0].to == ["new@example.org"]
    link = mail_link(mail.outbox[0])
    assert client.post(link).status_code == 302
    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert user.is_verified
    reused = client.post(link)
    assert reused.status_code == 400
    assert "already been used" in reused.content.decode()


def test_email_change_to_a_taken_address_is_refused(client):
    UserFactory(email="taken@example.org")
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("partners:email-change"), {"new_email": "taken@example.org"})
    assert response.status_code == 400
    assert "An account with this e-mail address already exists" in response.content.decode()
    assert not mail.outbox


def test_email_change_link_refused_when_address_was_taken_meanwhile(client):
    user = UserFactory(email="old@example.org")
    token = tokens.make_email_change_token(user, "new@example.org")
    UserFactory(email="new@example.org")
    response = client.post(reverse("partners:confirm-email-change", kwargs={"token": token}))
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


def test_expired_email_change_link_is_refused(client):
    user = UserFactory(email="old@example.org")
    with time_machine.travel(
        timezone.now() - timedelta(seconds=settings.TORI_VERIFICATION_MAX_AGE + 60)
    ):
        token = tokens.make_email_change_token(user, "new@example.org")
    response = client.post(reverse("partners:confirm-email-change", kwargs={"token": token}))
    assert "This link has expired" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "old@example.org"


def test_password_reset_flow(client, mail_link):
    user = UserFactory(email="forgetful@example.org", preferred_language="sv")
    response = client.post(reverse("partners:password-reset"), {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = mail_link(mail.outbox[0])
    assert link.startswith("/sv/account/password-reset/")  # in the recipient's language
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "brand-new-secret-42", "new_password2": "brand-new-secret-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-secret-42")
    # The link works once; the refusal is in the recipient's language.
    with translation.override("sv"):
        refusal = gettext("This password reset link has expired or has already been used.")
    assert refusal != "This password reset link has expired or has already been used."
    assert refusal in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_sends_nothing(client):
    response = client.post(reverse("partners:password-reset"), {"email": "ghost@example.org"})
    assert response.status_code == 302
    assert not mail.outbox


def test_service_refuses_duplicate_registration():
    UserFactory(email="x@example.org")
    with pytest.raises(DuplicateEmail):
        account_services.user_register(
            email="X@example.org", password=PASSWORD, display_name="X", preferred_language="fi"
        )


def test_registrations_are_rate_limited_per_address(client, run_on_commit, settings):
    settings.TORI_REGISTER_RATE = "2/h"
    for n in range(2):
        register(client, run_on_commit, email=f"p{n}@example.org")
        client.logout()
    response = register(client, run_on_commit, email="p3@example.org")
    assert response.status_code == 429
    assert not User.objects.filter(email="p3@example.org").exists()


def test_password_reset_requests_are_rate_limited(client, settings):
    settings.TORI_PASSWORD_RESET_RATE = "2/m"
    UserFactory(email="a@example.org")
    for _ in range(2):
        assert (
            client.post(reverse("partners:password-reset"), {"email": "a@example.org"}).status_code
            == 302
        )
    response = client.post(reverse("partners:password-reset"), {"email": "a@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 2
