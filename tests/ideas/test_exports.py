"""Staff exports of the proposal and organisation listings: every row is written, whatever
relations a row lacks (an individual's idea has no lead organisation, a draft no submission
date, an organisation no city or website)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import challenge, private_root  # noqa: F401

pytestmark = pytest.mark.django_db


def _staff_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _csv_rows(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx_rows(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def proposals():
    page = challenge()
    company = ProposalFactory(challenge=page, title="Company idea")
    individual = ProposalFactory(challenge=page, title="Individual idea", lead_organisation=None)
    draft = ProposalFactory(
        challenge=page, title="Draft idea", lead_organisation=None, status="draft"
    )
    return company, individual, draft


def test_proposal_csv_export_writes_every_row_individuals_ideas_too(client, proposals):
    rows = _csv_rows(_staff_client(client).get(reverse("ideas_proposal:index"), {"export": "csv"}))
    heading, *data = rows
    assert "Lead organisation kind" in heading
    titles = {row[heading.index("Title")]: row for row in data}
    assert set(titles) == {"Company idea", "Individual idea", "Draft idea"}
    kind = heading.index("Lead organisation kind")
    lead = heading.index("Lead organisation")
    # Kinds read as the filter names them, not as stored values.
    assert titles["Company idea"][kind] == "Company"
    assert titles["Individual idea"][kind] == "Individual's idea"
    assert titles["Individual idea"][lead] == ""
    assert titles["Draft idea"][heading.index("Submitted at")] == ""


def test_proposal_xlsx_export_writes_every_row_individuals_ideas_too(client, proposals):
    rows = _xlsx_rows(
        _staff_client(client).get(reverse("ideas_proposal:index"), {"export": "xlsx"})
    )
    heading, *data = rows
    titles = {row[heading.index("Title")]: row for row in data}
    assert set(titles) == {"Company idea", "Individual idea", "Draft idea"}
    assert titles["Individual idea"][heading.index("Lead organisation kind")] == "Individual's idea"


def test_organisation_export_copes_with_empty_fields(client):
    OrganisationFactory(name="Bare association", kind="association", city="", website="")
    staff = _staff_client(client)
    for export, reader in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        response = staff.get(reverse("organisations:index"), {"export": export})
        heading, *data = reader(response)
        assert "Bare association" in [row[0] for row in data], export
