"""Dates, times and numbers as Finland writes them, the same on pages, in e-mails and in exports:
16.12.2026 klo 14.00 (fi), 16.12.2026 kl. 14.00 (sv), 16 Dec 2026, 14:00 (en); 25 000 €."""

import csv
import datetime as dt
import io
from datetime import date
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django import forms
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from marketplace.services import workspace as workspace_services
from partners.notifications import notify
from tests.factories.cms import make_challenge, publish_translation
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import IndicatorFactory, PilotFactory
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
AT = dt.datetime(2026, 12, 16, 14, 0, tzinfo=HELSINKI)
NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "long", "short_date"),
    [
        ("fi", "16.12.2026 klo 14.00", "16.12.2026"),
        ("sv", "16.12.2026 kl. 14.00", "16.12.2026"),
        ("en", "16 Dec 2026, 14:00", "16 Dec 2026"),
    ],
)
def test_formats_per_language(language, long, short_date):
    with translation.override(language):
        assert date_format(AT, "DATETIME_FORMAT") == long
        assert date_format(AT, "SHORT_DATETIME_FORMAT") == long
        assert date_format(AT.date(), "SHORT_DATE_FORMAT") == short_date
        assert date_format(date(2026, 1, 5), "SHORT_DATE_FORMAT") != "05.01.2026"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_finnish_and_swedish_forms_accept_day_month_year(language):
    with translation.override(language):
        assert forms.DateField().clean("16.12.2026") == date(2026, 12, 16)
        assert forms.DateField().clean("5.1.2026") == date(2026, 1, 5)
        # HTML date inputs send ISO dates, which every language keeps accepting.
        assert forms.DateField().clean("2026-12-16") == date(2026, 12, 16)


@pytest.mark.parametrize(
    ("language", "dates", "budget"),
    [
        ("fi", "5.7.2026 – 2.11.2026", f"25{NBSP}000 €"),
        ("sv", "5.7.2026 – 2.11.2026", f"25{NBSP}000 €"),
        ("en", "5 Jul 2026 – 2 Nov 2026", "25,000 €"),
    ],
)
def test_pilot_page_dates_and_budget(client, language, dates, budget):
    pilot = PilotFactory(start_date=date(2026, 7, 5), end_date=date(2026, 11, 2), budget_eur=25000)
    with translation.override(language):
        path = pilot.get_absolute_url()
    html = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert dates in html
    assert budget in html
    assert "2026-07-05–" not in html and "25000 €" not in html


def test_challenge_page_deadline_in_finnish_and_swedish(client, time_machine):
    time_machine.move_to(AT - dt.timedelta(days=3), tick=False)
    page = make_challenge(phase="proposals")
    page.proposals_close = AT
    page.save_revision().publish()
    swedish = publish_translation(page, "sv", title="Utmaning")
    fi = client.get(page.url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    sv = client.get(swedish.url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "16.12.2026 klo 14.00" in fi
    assert "16.12.2026 kl. 14.00" in sv
    assert "16 december 2026" not in sv and "kello" not in fi


@pytest.mark.parametrize(("language", "stamp"), [("fi", "16.12.2026"), ("sv", "16.12.2026")])
def test_notification_email_is_dated_the_finnish_way(
    language, stamp, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(AT, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=UserFactory(preferred_language=language),
            kind="comment",
            subject="Hello",
            body="Body",
        )
    (message,) = mail.outbox
    assert stamp in message.body
    assert "2026-12-16" not in message.body and "december" not in message.body


def test_pilot_event_log_writes_the_short_date_without_leading_zeros():
    pilot = PilotFactory(start_date=date(2026, 1, 1), end_date=date(2026, 3, 1))
    indicator = IndicatorFactory(pilot=pilot, name="Visits")
    with translation.override("fi"):
        workspace_services.measurement_add(
            indicator=indicator, by=UserFactory(), date=date(2026, 1, 5), value=3
        )
    event = pilot.events.order_by("-pk").first()
    assert "5.1.2026" in event.description and "05.01.2026" not in event.description


def _staff(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_proposal_csv_export_in_finnish(client, time_machine):
    time_machine.move_to(AT, tick=False)
    page = make_challenge(phase="proposals")
    ProposalFactory(challenge=page, title="Dated idea", lead_organisation__kind="company")
    response = _staff(client).get(
        reverse("ideas_proposal:index"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    heading, *rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    (row,) = rows
    assert "16.12.2026 klo 14.00" in row
    assert "Yritys" in row and "company" not in row
    assert "Lähetetty" in row and "submitted" not in row
    assert "True" not in row and "False" not in row
    assert not any(value.startswith("2026-12-16") for value in row)


def test_proposal_xlsx_export_keeps_finnish_wall_clock_time(client, time_machine):
    time_machine.move_to(AT, tick=False)
    ProposalFactory(challenge=make_challenge(phase="proposals"), title="Dated idea")
    response = _staff(client).get(
        reverse("ideas_proposal:index"), {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    heading, row = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert dt.datetime(2026, 12, 16, 14, 0) in row
    assert "Kyllä" in row  # publication consent


def test_organisation_export_and_list_in_swedish(client):
    OrganisationFactory(name="Verified one", city="espoo", verified=True, kind="association")
    staff = _staff(client)
    response = staff.get(
        reverse("organisations:index"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    row = next(r for r in rows if r[0] == "Verified one")
    assert "Esbo" in row and "Ja" in row and "Förening" in row
    assert "True" not in row and "espoo" not in row
    html = staff.get(reverse("organisations:index"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Esbo" in html and ">True<" not in html and "True\n" not in html
