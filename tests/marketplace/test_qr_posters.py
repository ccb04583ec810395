"""The venue's poster: the QR code of the on-site form's address, the address printed, and
what the pilot is in each of the venue's languages, as SVG and as PDF."""

import re
from xml.etree import ElementTree

import pytest
import segno
from django.urls import reverse
from django.utils import translation

from marketplace import posters
from marketplace.services.channels import onsite_token
from tests.factories.marketplace import PilotFactory
from tests.factories.partners import make_role

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def poster(client, pilot, kind="svg"):
    with translation.override("fi"):
        return client.get(reverse(f"marketplace:poster-{kind}", args=[pilot.pk]))


def onsite_address(pilot):
    with translation.override("fi"):
        path = reverse(
            "marketplace:onsite-feedback", kwargs={"pk": pilot.pk, "token": onsite_token(pilot)}
        )
    return f"http://testserver{path}"


def modules_in(svg_root) -> set[tuple[int, int]]:
    path = svg_root.find(f"{SVG}g[@id='qr-code']/{SVG}path").attrib["d"]
    return {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)h1v1h-1z", path)}


def test_the_svg_poster_carries_the_qr_code_of_the_on_site_address(client):
    pilot = PilotFactory(title="Museum audio guide", venue="KAMU")
    client.force_login(make_role("editor"))
    response = poster(client, pilot)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response
    url = onsite_address(pilot)
    expected = {
        (x, y)
        for y, row in enumerate(segno.make(url, error="m", micro=False).matrix_iter(border=4))
        for x, bit in enumerate(row)
        if bit
    }
    assert modules_in(root) == expected
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert url in texts  # the short address is printed too
    assert "Museum audio guide" in texts


def test_the_poster_speaks_finnish_and_swedish_when_the_venue_names_no_languages(client):
    pilot = PilotFactory(venue_languages=[])
    client.force_login(make_role("moderator"))
    text = poster(client, pilot).content.decode()
    assert "Anna palautetta: skannaa koodi" in text
    assert "Ge respons: skanna koden" in text
    assert "Give feedback: scan the code" not in text


def test_the_poster_follows_the_venues_languages(client):
    pilot = PilotFactory(
        language="fi",
        title="Äänikierros",
        venue_languages=["en", "sv", "xx"],
        translations={"sv": {"title": "Ljudrundan"}},
    )
    assert posters.venue_languages(pilot) == ["en", "sv"]
    texts = [line.text for line in posters.layout(pilot, "https://tori.example/x/")[0]]
    assert "Give feedback: scan the code" in texts
    assert "Ge respons: skanna koden" in texts
    assert "Ljudrundan" in texts and "Äänikierros" in texts  # no English title: the original
    assert "Anna palautetta: skannaa koodi" not in texts


def test_the_pdf_poster_is_a_pdf_that_names_the_pilot(client):
    pilot = PilotFactory(title="Museum audio guide")
    client.force_login(make_role("editor"))
    response = poster(client, pilot, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    assert b"(Museum audio guide)" in response.content
    assert onsite_address(pilot).encode() in response.content
    # Finnish and Swedish letters are kept (WinAnsi), not replaced.
    assert "Ge respons: skanna koden".encode("cp1252") in response.content


def test_the_pdf_cross_reference_points_at_its_objects(client):
    pdf = posters.poster_pdf(PilotFactory(), "https://tori.example/x/")
    start = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[start:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n", pdf)
    for number, offset in enumerate(offsets, start=1):
        assert pdf[int(offset) :].startswith(b"%d 0 obj" % number)


@pytest.mark.parametrize("kind", ["svg", "pdf"])
@pytest.mark.parametrize(
    ("role", "status"), [("visitor", 404), ("resident", 404), ("team", 200), ("editor", 200)]
)
def test_the_posters_are_for_the_pilots_team_and_staff(client, kind, role, status):
    pilot = PilotFactory()
    if role == "team":
        client.force_login(
            make_role("partner_member", organisation=pilot.proposal.lead_organisation)
        )
    elif role != "visitor":
        client.force_login(make_role(role))
    assert poster(client, pilot, kind).status_code == status
