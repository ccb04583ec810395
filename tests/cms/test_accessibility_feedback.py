"""The accessibility statement's feedback form: e-mailed to the contact, nothing stored."""

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from wagtail.models import Locale

from cms.models import HomePage, StandardPage

URL = "/en/accessibility-feedback/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def statement(db):
    home = HomePage.objects.get(locale=Locale.get_default())
    page = StandardPage(
        title="Saavutettavuusseloste",
        slug="saavutettavuusseloste",
        show_in_footer=True,
        accessibility_feedback=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


@pytest.mark.django_db
def test_statement_page_embeds_the_form_and_other_pages_do_not(client, statement):
    body = client.get(statement.url).content.decode()
    assert 'action="/fi/accessibility-feedback/"' in body
    for name in ("name", "email", "page_url", "message"):
        assert f'name="{name}"' in body
    assert '<label for="id_message"' in body
    home = HomePage.objects.get(locale=Locale.get_default())
    other = StandardPage(title="Tietosuoja", slug="tietosuoja")
    home.add_child(instance=other)
    other.save_revision().publish()
    assert "accessibility-feedback" not in client.get(other.url).content.decode()


@pytest.mark.django_db
def test_feedback_is_mailed_to_the_contact_and_nothing_is_stored(client, statement, settings):
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "a11y@espoo.example"
    before = _row_counts()
    response = client.post(
        URL,
        {
            "name": "Aino",
            "email": "aino@example.org",
            "page_url": "https://tori.example/en/pilots/",
            "message": "The chart has no text alternative.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == statement.url
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["a11y@espoo.example"]
    assert sent.reply_to == ["aino@example.org"]
    assert "The chart has no text alternative." in sent.body
    assert "https://tori.example/en/pilots/" in sent.body and "Aino" in sent.body
    after = _row_counts()
    changed = {k for k in after if after[k] != before[k]}
    assert changed <= {"sessions.Session"}  # the thank-you message only
    assert "Your feedback was sent" in client.get(statement.url).content.decode()


@pytest.mark.django_db
def test_only_the_message_is_required_and_errors_are_next_to_fields(client, statement):
    response = client.post(URL, {"email": "not-an-address", "message": ""})
    assert response.status_code == 200
    assert mail.outbox == []
    body = response.content.decode()
    assert body.count('class="errorlist"') == 2
    message_field = body[body.index('<label for="id_message"') :]
    assert message_field.index("This field is required.") < message_field.index('name="message"')
    assert 'aria-invalid="true"' in body
    assert client.post(URL, {"message": "Contrast is too low."}).status_code == 302
    assert mail.outbox[0].reply_to == []


@pytest.mark.django_db
def test_feedback_is_rate_limited_per_address_with_a_clear_message(client, statement):
    for _ in range(5):
        assert client.post(URL, {"message": "Hello"}).status_code == 302
    response = client.post(URL, {"message": "Hello"})
    assert response.status_code == 429
    assert "wait an hour" in response.content.decode()
    assert len(mail.outbox) == 5
    other = client.post(URL, {"message": "Hello"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_form_page_works_on_its_own_and_prefills_the_page_address(client, statement):
    response = client.get(URL + "?page=/en/pilots/")
    assert response.status_code == 200
    assert 'value="/en/pilots/"' in response.content.decode()
