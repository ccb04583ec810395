"""Importing paper or kiosk feedback from CSV: every rejected row is reported with its reason,
a re-import never duplicates, and a file that cannot be read gets a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.models import Feedback, ImportBatch
from marketplace.services import imports as import_services
from partners.channels import Channel
from tests.factories.cms import CustomerGroupFactory, make_challenge
from tests.factories.marketplace import PilotFactory, selected_proposal
from tests.factories.partners import make_role

pytestmark = pytest.mark.django_db

HEADER = "row_id,pilot,date,rating,comment,customer_group,channel\n"


@pytest.fixture
def pilot():
    group = CustomerGroupFactory(slug="seniors")
    return PilotFactory(
        proposal=selected_proposal(challenge=make_challenge(customer_groups=[group]))
    )


def upload(client, content: bytes, name="feedback.csv", channel="paper"):
    client.force_login(make_role("editor"))
    return client.post(
        reverse("feedback_channels:import"),
        {"file": SimpleUploadedFile(name, content, "text/csv"), "channel": channel},
    )


def sheet(pilot) -> bytes:
    p = pilot.pk
    return (
        HEADER
        + f"1,{p},2026-05-14,5,Great,seniors,paper\n"
        + f"2,{p},14.5.2026,3,,,\n"  # channel from the form, date the Finnish way
        + f"3,{p},2026-05-14,9,Too high,,paper\n"
        + "4,999999,2026-05-14,4,,,paper\n"
        + f"5,{p},2026-05-14,4,,nobody,paper\n"
        + f"6,{p},,4,,,paper\n"
        + f"7,{p},31.2.2026,4,,,paper\n"
        + f"1,{p},2026-05-15,2,Again,,paper\n"
        + f"8,{p},2026-05-14,2,,,fax\n"
        + f"9,{p},2026-05-14,2,Kiosk row,,kiosk\n"
    ).encode()


def test_the_report_lists_every_rejected_row_with_its_reason(client, pilot):
    response = upload(client, sheet(pilot))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback_channels:import-report", args=[batch.pk])
    reasons = {item["row"]: item["reason"] for item in batch.report}
    assert set(reasons) == {4, 5, 6, 7, 8, 9, 10}
    assert "1 to 5" in reasons[4]
    assert "Unknown pilot" in reasons[5]
    assert "Unknown customer group" in reasons[6]
    assert "Missing: date" in reasons[7]
    assert "Bad date" in reasons[8]
    assert "earlier in the file" in reasons[9]
    assert "Unknown channel" in reasons[10]
    assert (batch.accepted, batch.duplicates, batch.rejected) == (3, 0, 7)
    assert batch.created_by is not None and len(batch.sha256) == 64
    imported = Feedback.objects.order_by("import_key")
    assert [f.channel for f in imported] == [Channel.KIOSK, Channel.PAPER, Channel.PAPER]
    assert all(f.user is None and f.entered_by is None for f in imported)
    first = Feedback.objects.get(import_key=f"paper:{pilot.pk}:1")
    assert (first.rating, first.customer_group.slug, first.created_at.date().isoformat()) == (
        5,
        "seniors",
        "2026-05-14",
    )
    report = client.get(response["Location"]).content.decode()
    for row in reasons:
        assert f"<td>{row}</td>" in report
    assert "3 rows imported" in report and "7 rows rejected" in report


def test_a_re_import_never_duplicates_and_counts_them_apart(client, pilot):
    upload(client, sheet(pilot))
    corrected = (
        HEADER + f"1,{pilot.pk},2026-05-14,5,Great,seniors,paper\n"
        f"3,{pilot.pk},2026-05-14,4,Fixed,,paper\n"
    ).encode()
    upload(client, corrected, name="feedback-corrected.csv")
    batch = ImportBatch.objects.first()
    assert (batch.accepted, batch.duplicates, batch.rejected) == (1, 1, 0)
    assert Feedback.objects.count() == 4
    upload(client, corrected)
    assert Feedback.objects.count() == 4
    assert ImportBatch.objects.first().duplicates == 2


def test_semicolons_and_a_byte_order_mark_are_read(client, pilot):
    content = "\ufeff" + HEADER.replace(",", ";") + f"1;{pilot.pk};2026-05-14;4;Ääkköset;;\n"
    upload(client, content.encode("utf-8"))
    assert Feedback.objects.get().comment == "Ääkköset"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "The file is empty"),
        ("row_id,pilot,date,rating\n1,1,2026-05-14,4,Ä\n".encode("utf-16"), "not a CSV file"),
        ("row_id,pilot,date,rating,comment\n1,1,2026-05-14,4,Hyvä\n".encode("cp1252"), "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a CSV file"),
        (b"name,age\nAino,40\n", "Missing: row_id, pilot, date, rating"),
        (HEADER.encode(), "no rows"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_imports_nothing(client, content, message):
    response = upload(client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists() and not Feedback.objects.exists()


def test_a_huge_file_is_refused(client, settings):
    settings.TORI_FEEDBACK_IMPORT_MAX_BYTES = 100
    response = upload(client, HEADER.encode() + b"1,1,2026-05-14,4,x\n" * 20)
    assert "too large" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_too_many_rows_are_refused(client, monkeypatch, pilot):
    monkeypatch.setattr(import_services, "MAX_ROWS", 2)
    rows = "".join(f"{n},{pilot.pk},2026-05-14,4,,,\n" for n in range(5))
    response = upload(client, (HEADER + rows).encode())
    assert "more than 2 rows" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_template_downloads_and_imports_as_it_is(client, pilot):
    client.force_login(make_role("editor"))
    response = client.get(reverse("feedback_channels:import-template"))
    assert response["Content-Type"].startswith("text/csv")
    header = response.content.decode().splitlines()[0]
    assert header == ",".join(import_services.COLUMNS)


@pytest.mark.parametrize("role", ["visitor", "resident", "partner_member", "evaluator"])
def test_only_staff_import(client, role, pilot):
    user = make_role(role)
    if role != "visitor":
        client.force_login(user)
    response = client.post(
        reverse("feedback_channels:import"),
        {"file": SimpleUploadedFile("f.csv", sheet(pilot)), "channel": "paper"},
    )
    assert response.status_code in (302, 403)
    assert not Feedback.objects.exists()
    with pytest.raises(import_services.FeedbackError):
        import_services.feedback_import(
            file_name="f.csv", data=sheet(pilot), channel="paper", by=user
        )


def test_the_command_imports_and_reports_like_the_admin(tmp_path, pilot):
    from io import StringIO

    from django.core.management import CommandError, call_command

    editor = make_role("editor")
    path = tmp_path / "sheet.csv"
    path.write_bytes(sheet(pilot))
    out = StringIO()
    with pytest.raises(CommandError, match="7 rows were rejected"):
        call_command("import_feedback", str(path), by=editor.email, stdout=out)
    assert "3 imported, 0 imported before, 7 rejected" in out.getvalue()
    assert "row 5: Unknown pilot" in out.getvalue()
    with pytest.raises(CommandError, match="not a CSV"):
        path.write_bytes(b"\x00\x01binary")
        call_command("import_feedback", str(path), by=editor.email, stdout=StringIO())
    with pytest.raises(CommandError, match="Only staff"):
        path.write_bytes(sheet(pilot))
        call_command("import_feedback", str(path), by=make_role("resident").email)
    assert Feedback.objects.count() == 3
