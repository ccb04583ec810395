"""Pilots, offerings, organisations and proposals are shown in the page's language where they
have a translation, and otherwise in their original language, marked with `lang` and a note."""

import pytest

from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory
from tests.factories.partners import OrganisationFactory

pytestmark = pytest.mark.django_db


def _public_proposal(**fields):
    return ProposalFactory(
        challenge=make_challenge(phase="voting"),
        status="submitted",
        publication_consent=True,
        **fields,
    )


def test_a_translated_proposal_reads_in_swedish_and_its_body_is_marked_finnish(client):
    proposal = _public_proposal(
        language="fi",
        title="Museo pyörillä",
        summary="Näyttely kiertää palvelutaloissa.",
        body="Tuomme esineet asukkaiden luo.",
        translations={"sv": {"title": "Museum på hjul", "summary": "Utställningen turnerar."}},
    )
    html = client.get(f"/sv/proposals/{proposal.pk}/").content.decode()
    assert "<h1>Museum på hjul</h1>" in html
    assert "Utställningen turnerar." in html
    assert '<div class="proposal-body" lang="fi">' in html
    assert "Inte översatt ännu" not in html


def test_an_untranslated_proposal_is_shown_in_its_original_language_with_a_note(client):
    proposal = _public_proposal(language="sv", title="Sagohörna för mor- och farföräldrar")
    html = client.get(f"/fi/proposals/{proposal.pk}/").content.decode()
    assert '<h1 lang="sv">Sagohörna för mor- och farföräldrar</h1>' in html
    assert "Ei vielä käännetty: näytetään alkuperäisellä kielellä (ruotsi)." in html


def test_pilot_and_offering_pages_use_the_translation_of_each_field(client):
    pilot = PilotFactory(
        published=True,
        language="fi",
        title="Kosketeltavat kokoelmat",
        venue="Sellon kirjasto",
        translations={"sv": {"title": "Samlingar att röra vid", "venue": "Sellobiblioteket"}},
    )
    html = client.get(f"/sv/pilots/{pilot.pk}/").content.decode()
    assert "<h1>Samlingar att röra vid</h1>" in html and "Sellobiblioteket" in html
    # The summary has no Swedish version: the Finnish one, marked.
    assert 'class="pilot-summary" lang="fi"' in html
    offering = OfferingFactory(
        published=True,
        language="en",
        title="Touch tours",
        translations={"fi": {"title": "Kosketusopastukset"}},
    )
    assert (
        "<h1>Kosketusopastukset</h1>"
        in client.get(f"/fi/offerings/{offering.slug}/").content.decode()
    )
    swedish = client.get(f"/sv/offerings/{offering.slug}/").content.decode()
    assert '<h1 lang="en">Touch tours</h1>' in swedish


def test_an_organisation_describes_itself_in_the_readers_language(client):
    organisation = OrganisationFactory(
        language="fi",
        description="Kotiseutuyhdistys Espoossa.",
        translations={"sv": {"description": "Hembygdsförening i Esbo."}},
    )
    assert (
        "Hembygdsförening i Esbo."
        in client.get(f"/sv/organisations/{organisation.slug}/").content.decode()
    )
    english = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert '<div lang="fi"><p>Kotiseutuyhdistys Espoossa.</p></div>' in english


def test_the_team_adds_a_milestone_with_its_swedish_title(client):
    from tests.ideas.proposal_helpers import staff

    pilot = PilotFactory(published=True, language="fi")
    client.force_login(staff())
    workspace = client.get(f"/fi/pilots/{pilot.pk}/workspace/").content.decode()
    assert 'name="milestone-title__sv"' in workspace
    assert 'name="milestone-title__fi"' not in workspace  # the pilot's own language
    response = client.post(
        f"/fi/pilots/{pilot.pk}/workspace/milestones/",
        {
            "milestone-title": "Loppuraportti",
            "milestone-title__sv": "Slutrapport",
            "milestone-due_date": pilot.end_date.isoformat(),
        },
    )
    assert response.status_code == 302
    milestone = pilot.milestones.get()
    assert (milestone.language, milestone.translations) == ("fi", {"sv": {"title": "Slutrapport"}})
    assert "Slutrapport" in client.get(f"/sv/pilots/{pilot.pk}/").content.decode()


def test_an_offerings_languages_are_named_in_the_readers_language(client):
    offering = OfferingFactory(published=True, languages=["fi", "sv"])
    swedish = client.get(f"/sv/offerings/{offering.slug}/").content.decode()
    english = client.get(f"/en/offerings/{offering.slug}/").content.decode()
    assert "finska, svenska" in swedish
    assert "Finnish, Swedish" in english
