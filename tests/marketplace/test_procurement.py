"""From pilot to procurement: staff record how the city buys the service of a completed,
adopted pilot; the offering, its reference statement and the API show it."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from marketplace import rules
from marketplace.demo.procurement import seed_procurement
from marketplace.models import (
    PilotEvent,
    PilotOutcome,
    PilotStage,
    ProcurementMethod,
    ProcurementRecord,
)
from marketplace.services import procurement as procurement_services
from marketplace.services.procurement import PROCUREMENT_RECORDED_ACTION, ProcurementRefused
from tests.factories.marketplace import add_indicator, make_offering, make_pilot
from tests.factories.partners import ROLES, OrganisationFactory, make_role

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
NOTICE = "https://www.hankintailmoitukset.fi/fi/public/procedure/1/enotice/2/"
FORM = {
    "method": ProcurementMethod.INNOVATION_PARTNERSHIP,
    "contract_reference": "1482/02.08.00/2026",
    "notice_url": NOTICE,
    "value_eur": "184000",
    "decided_on": "2026-10-20",
    "contract_start": "2026-11-01",
    "contract_end": "2029-10-31",
    "language": "fi",
    "note": "Hankittu innovaatiokumppanuutena.",
    "note__sv": "Upphandlad som innovationspartnerskap.",
}


def adopted_pilot(**fields):
    fields.setdefault("stage", PilotStage.COMPLETED)
    fields.setdefault("outcome", PilotOutcome.ADOPTED)
    return make_pilot(**fields)


def record_for(pilot, **fields):
    values = {
        "method": ProcurementMethod.INNOVATION_PARTNERSHIP,
        "contract_reference": "1482/02.08.00/2026",
        "notice_url": NOTICE,
        "value_eur": 184000,
        "decided_on": date(2026, 10, 20),
        "contract_start": date(2026, 11, 1),
        "contract_end": date(2029, 10, 31),
        "note": "Hankittu innovaatiokumppanuutena.",
        "translations": {"sv": {"note": "Upphandlad som innovationspartnerskap."}},
        **fields,
    }
    return procurement_services.procurement_save(pilot=pilot, by=None, language="fi", **values)


@pytest.fixture
def procured():
    """A published offering of a completed, adopted pilot with its procurement recorded."""
    provider = OrganisationFactory(name="Museotekniikka Oy")
    pilot = adopted_pilot(start_date=date(2026, 3, 1), end_date=date(2026, 9, 30))
    add_indicator(
        pilot,
        name="Haut päivässä",
        unit="hakua",
        baseline=50,
        target=300,
        measurements=[(date(2026, 9, 1), 320)],
    )
    offering = make_offering(slug="kuvahaku", pilot=pilot, providers=[provider])
    record_for(pilot)
    return offering


# --- The rule, for every role ---------------------------------------------------------------
STAFF = {"editor", "moderator", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_record_the_procurement_of_a_completed_adopted_pilot(role):
    user = make_role(role)
    assert rules.can_record_procurement(user, adopted_pilot()) is (role in STAFF)
    for stage, outcome in [
        (PilotStage.RUNNING, ""),
        (PilotStage.EVALUATING, ""),
        (PilotStage.COMPLETED, PilotOutcome.CONTINUED),
        (PilotStage.COMPLETED, PilotOutcome.DISCONTINUED),
    ]:
        assert not rules.can_record_procurement(user, make_pilot(stage=stage, outcome=outcome))


# --- Staff record it in the admin -----------------------------------------------------------
@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_record_the_procurement_with_its_history_and_audit_log(admin_client, staff):
    pilot = adopted_pilot()
    url = reverse("pilots:procurement", args=[pilot.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="note__sv"' in page.content.decode()

    response = admin_client.post(url, FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ProcurementRecord.objects.get(pilot=pilot)
    assert record.method == ProcurementMethod.INNOVATION_PARTNERSHIP
    assert record.value_eur == 184000 and record.contract_end == date(2029, 10, 31)
    assert record.recorded_by == staff
    assert record.text("note", "sv") == "Upphandlad som innovationspartnerskap."
    event = pilot.events.get(kind=PilotEvent.Kind.UPDATED)
    assert event.actor == staff
    assert event.texts["fi"] == "Hankinta kirjattu: Innovaatiokumppanuus"
    assert event.texts["sv"] == "Upphandling registrerad: Innovationspartnerskap"
    assert ModelLogEntry.objects.filter(
        action=PROCUREMENT_RECORDED_ACTION, object_id=str(pilot.pk), user=staff
    ).exists()

    # Changing it is one more line of history, naming what changed.
    response = admin_client.post(url, {**FORM, "value_eur": "200000"})
    assert response.status_code == 302
    assert ProcurementRecord.objects.get(pilot=pilot).value_eur == 200000
    latest = pilot.events.order_by("-pk").first()
    assert latest.texts["en"] == "Procurement changed: contract value (euros)"
    assert ProcurementRecord.objects.count() == 1


def test_the_admin_offers_the_procurement_only_for_completed_adopted_pilots(admin_client):
    adopted, running = adopted_pilot(), make_pilot(stage=PilotStage.RUNNING)
    listing = admin_client.get(reverse("pilots:index")).content.decode()
    assert reverse("pilots:procurement", args=[adopted.pk]) in listing
    assert reverse("pilots:procurement", args=[running.pk]) not in listing
    edit = admin_client.get(reverse("pilots:edit", args=[adopted.pk])).content.decode()
    assert reverse("pilots:procurement", args=[adopted.pk]) in edit


def test_a_pilot_not_completed_and_adopted_is_refused_with_the_reason(admin_client):
    pilot = make_pilot(stage=PilotStage.COMPLETED, outcome=PilotOutcome.CONTINUED)
    url = reverse("pilots:procurement", args=[pilot.pk])
    with translation.override("en"):
        page = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200 and 'name="method"' not in text
    assert "only for a completed pilot whose outcome is adopted" in text
    response = admin_client.post(url, FORM)
    assert response.status_code == 409 and not ProcurementRecord.objects.exists()
    with pytest.raises(ProcurementRefused):
        record_for(make_pilot(stage=PilotStage.RUNNING))
    assert not ProcurementRecord.objects.exists()


def test_bad_input_is_shown_next_to_the_field(admin_client):
    pilot = adopted_pilot()
    url = reverse("pilots:procurement", args=[pilot.pk])
    response = admin_client.post(
        url, {**FORM, "contract_end": "2026-10-01", "notice_url": "not a link", "method": ""}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"contract_end", "notice_url", "method"} <= set(errors)
    assert not ProcurementRecord.objects.exists()


@pytest.mark.parametrize("role", sorted(set(ROLES) - STAFF - {"visitor"}))
def test_others_cannot_record_a_procurement(client, role):
    pilot = adopted_pilot()
    user = make_role(role)
    client.force_login(user)
    response = client.post(reverse("pilots:procurement", args=[pilot.pk]), FORM)
    assert response.status_code in (302, 403)
    assert not ProcurementRecord.objects.exists()


# --- The offering shows it ------------------------------------------------------------------
def test_the_offering_says_how_the_city_buys_the_service(client, procured):
    with translation.override("fi"):
        url = procured.get_absolute_url()
    text = client.get(url).content.decode()
    assert "Näin kaupunki hankkii tämän palvelun" in text
    assert "Innovaatiokumppanuus" in text and "1482/02.08.00/2026" in text
    assert f'href="{NOTICE}"' in text
    assert f"184{NBSP}000 €" in text
    assert "20.10.2026" in text and "1.11.2026" in text and "31.10.2029" in text
    assert "Hankittu innovaatiokumppanuutena." in text
    assert reverse("marketplace:offering-reference", args=[procured.slug]) in text
    with translation.override("sv"):
        url = procured.get_absolute_url()
    text = client.get(url).content.decode()
    assert "Så köper staden den här tjänsten" in text and "Innovationspartnerskap" in text
    assert "Upphandlad som innovationspartnerskap." in text


def test_no_section_without_a_record_or_a_published_pilot(client, procured):
    plain = make_offering(slug="plain", pilot=adopted_pilot())
    with translation.override("en"):
        assert "How the city buys" not in client.get(plain.get_absolute_url()).content.decode()
        procured.pilot.published = False
        procured.pilot.save()
        assert "How the city buys" not in client.get(procured.get_absolute_url()).content.decode()


# --- The reference statement ----------------------------------------------------------------
def test_the_reference_statement_states_the_pilot_and_its_procurement(client, procured):
    with translation.override("fi"):
        url = reverse("marketplace:offering-reference", args=[procured.slug])
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    owner = procured.pilot.proposal.challenge.owner_unit
    assert owner in text
    assert "1.3.2026" in text and "30.9.2026" in text
    assert "Museotekniikka Oy" in text
    assert "Otettu käyttöön" in text
    assert "Haut päivässä" in text and "tavoite saavutettu" in text
    assert "Innovaatiokumppanuus" in text and f"184{NBSP}000 €" in text
    assert f'<link rel="canonical" href="{settings.SITE_URL}{url}">' in text
    assert f'<meta name="description" content="{owner} pilotoi palvelua' in text
    assert 'name="robots" content="noindex"' not in text
    assert f"<title>Referenssitodistus: {procured.title}" in text
    with translation.override("sv"):
        url = reverse("marketplace:offering-reference", args=[procured.slug])
    text = client.get(url).content.decode()
    assert "Referensintyg" in text and "Innovationspartnerskap" in text


def test_the_reference_statement_is_hidden_unless_public(client, procured):
    def status(slug):
        return client.get(reverse("marketplace:offering-reference", args=[slug])).status_code

    assert status(procured.slug) == 200
    assert status("no-such-offering") == 404
    assert status(make_offering(slug="plain", pilot=adopted_pilot()).slug) == 404
    assert status(make_offering(slug="no-pilot").slug) == 404
    procured.published = False
    procured.save()
    assert status(procured.slug) == 404
    procured.published = True
    procured.save()
    procured.pilot.published = False
    procured.pilot.save()
    assert status(procured.slug) == 404


def test_the_pilot_team_finds_the_reference_in_its_workspace(client, procured, team_member_of):
    client.force_login(team_member_of(procured.pilot))
    text = client.get(
        reverse("marketplace:pilot-workspace", args=[procured.pilot.pk])
    ).content.decode()
    assert reverse("marketplace:offering-reference", args=[procured.slug]) in text


# --- The API --------------------------------------------------------------------------------
def test_the_api_offering_has_its_public_procurement_record(client, procured):
    data = client.get(reverse("api:offering-detail", args=[procured.pk]), {"lang": "sv"}).json()
    assert data["procurement"] == {
        "method": "innovation_partnership",
        "method_label": "Innovationspartnerskap",
        "contract_reference": "1482/02.08.00/2026",
        "notice_url": NOTICE,
        "value_eur": 184000,
        "decided_on": "2026-10-20",
        "contract_start": "2026-11-01",
        "contract_end": "2029-10-31",
        "note": "Upphandlad som innovationspartnerskap.",
        "note_language": "sv",
    }
    plain = make_offering(slug="plain")
    assert client.get(reverse("api:offering-detail", args=[plain.pk])).json()["procurement"] is None


# --- The demo -------------------------------------------------------------------------------
def test_the_demo_records_one_procurement_however_often_it_runs(staff):
    offering = make_offering(slug="kuva-arkiston-hakupalvelu", pilot=adopted_pilot())
    make_offering(slug="unrelated", pilot=adopted_pilot())
    seed_procurement(staff=staff)
    seed_procurement(staff=staff)
    record = ProcurementRecord.objects.get()
    assert record.pilot == offering.pilot
    assert record.method == ProcurementMethod.INNOVATION_PARTNERSHIP
    assert record.notice_url.startswith("https://www.hankintailmoitukset.fi/")
    assert record.text("note", "sv").startswith("Esbo stadsmuseum")
