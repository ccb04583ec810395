"""A count of one reads singular in Finnish and Swedish: "1 mittaus", "1 mätning", "1 ääni",
"1 röst", "1 tulos", "1 liite", "1 bilaga"."""

from datetime import timedelta

import pytest
from django.utils import translation

from tests.factories.marketplace import (
    IndicatorFactory,
    MeasurementFactory,
    OfferingFactory,
    PilotFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("fi", "Visits: 1 mittaus;", "Visits: 2 mittausta;"),
        ("sv", "1 mätning av Visits;", "2 mätningar av Visits;"),
    ],
)
def test_measurement_count_in_the_chart_description(client, lang, one, two):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot, name="Visits")
    MeasurementFactory(indicator=indicator, date=pilot.start_date, value=3)
    with translation.override(lang):
        path = pilot.get_absolute_url()
    assert one in client.get(path, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    MeasurementFactory(indicator=indicator, date=pilot.start_date + timedelta(days=1), value=4)
    assert two in client.get(path, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


@pytest.mark.parametrize(("lang", "word"), [("fi", "tulos"), ("sv", "resultat")])
def test_one_result_in_a_catalogue_facet(client, lang, word, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        OfferingFactory(cities=["oulu"])
    html = client.get(f"/{lang}/catalogue/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'(1<span class="visually-hidden"> {word}</span>)' in html
    assert '1<span class="visually-hidden"> tulosta' not in html


@pytest.mark.parametrize(
    ("lang", "singular", "plural"),
    [
        ("fi", "Sen 1 ääni avoimissa", "Sen 2 ääntä avoimissa"),
        ("sv", "1 röst i öppna", "2 röster i öppna"),
    ],
)
def test_voided_votes_message(lang, singular, plural):
    with translation.override(lang):
        for count, expected in ((1, singular), (2, plural)):
            text = translation.ngettext(
                "%(account)s was deactivated and %(count)d vote in open challenges was voided.",
                "%(account)s was deactivated and %(count)d votes in open challenges were voided.",
                count,
            ) % {"account": "x", "count": count}
            assert expected in text


@pytest.mark.parametrize(
    ("lang", "singular"), [("fi", "enintään 1 liite."), ("sv", "högst 1 bilaga.")]
)
def test_attachment_limit_of_one(settings, lang, singular, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ideas.services.attachments import attachment_add
    from ideas.services.proposals import ProposalError
    from tests.ideas.proposal_helpers import proposal_with_lead

    settings.TORI_PRIVATE_ROOT = tmp_path / "private"
    settings.TORI_ATTACHMENTS_PER_PROPOSAL = 1
    proposal, lead = proposal_with_lead(status="draft")
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attachment_add(proposal=proposal, by=lead, upload=SimpleUploadedFile("a.pdf", pdf))
    with translation.override(lang), pytest.raises(ProposalError) as refused:
        attachment_add(proposal=proposal, by=lead, upload=SimpleUploadedFile("b.pdf", pdf))
    assert singular in str(refused.value.message)
