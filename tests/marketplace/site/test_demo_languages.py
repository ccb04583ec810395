"""The demo reads as Tori does in every language: pilots, offerings and organisations carry
fi, sv and en versions, proposals say the language they are written in, and pilots come from
selected proposals of challenges that have reached piloting."""

import io

import pytest
from django.core.management import call_command

from ideas.models import Proposal, ProposalStatus
from marketplace.models import Offering, Pilot
from partners.models import Organisation

LANGUAGES = {"fi", "sv", "en"}


@pytest.fixture
def demo(db, mailoutbox):
    call_command("seed_demo", stdout=io.StringIO())


def _has_every_language(item):
    # A field empty in the original (the alt text of an image not given) has nothing to translate.
    written = [field for field in item.translated_fields if getattr(item, field)]
    return set(item.available_languages()) == LANGUAGES and all(
        item.text(field, code) for code in LANGUAGES for field in written
    )


def test_pilots_offerings_and_organisations_have_fi_sv_and_en(demo):
    for model in (Pilot, Offering, Organisation):
        items = list(model.objects.all())
        assert items, model
        assert all(_has_every_language(item) for item in items), model
    venue = Pilot.objects.get(venue="Sellon kirjasto", stage="completed")
    assert venue.text("venue", "sv") == "Sellobiblioteket"
    assert venue.text("venue", "en") == "Sello library"
    milestone = Pilot.objects.filter(stage="running").first().milestones.order_by("due_date")[0]
    assert milestone.text("title", "sv") == "Startmöte med museets personal"
    indicator = Pilot.objects.filter(stage="running").first().indicators.order_by("pk")[0]
    assert indicator.text("unit", "fi") == "kävijää"
    assert indicator.text("unit", "sv") == "besökare"
    assert Organisation.objects.filter(name="Espoo-seura ry", kind="association").exists()


@pytest.mark.parametrize(
    "title, language",
    [
        ("Olohuonemuseo: opastettu museokäynti tabletilla", "fi"),
        ("Lördagsverkstad: bygg ett eget museum", "sv"),
        ("Ask the curator: live lessons from the collections store", "en"),
        ("Museibesök med VR-glasögon på servicehuset", "sv"),
    ],
)
def test_a_proposal_says_the_language_it_is_written_in(demo, title, language):
    proposal = Proposal.objects.get(title=title)
    assert proposal.language == language
    assert language not in proposal.translations


def test_most_proposals_are_translated_and_some_show_the_fallback(demo):
    proposals = list(Proposal.objects.all())
    translated = [p for p in proposals if set(p.available_languages()) == LANGUAGES]
    assert len(translated) > len(proposals) / 2
    untranslated = [
        p for p in proposals if not any("title" in texts for texts in p.translations.values())
    ]
    assert untranslated
    for proposal in untranslated:
        assert proposal.text("title", "sv") == proposal.title


def test_no_two_public_proposals_share_a_body_or_a_comment_thread(demo):
    public = list(Proposal.objects.public())
    assert len(public) >= 10
    bodies = [p.body for p in public]
    assert len(set(bodies)) == len(bodies)
    threads = [
        tuple(p.comments.filter(visibility="public").order_by("pk").values_list("body", flat=True))
        for p in public
    ]
    commented = [t for t in threads if t]
    assert len(set(commented)) == len(commented)


def test_every_pilot_comes_from_a_selected_proposal_of_a_challenge_in_piloting_or_closed(demo):
    pilots = list(Pilot.objects.select_related("proposal__challenge"))
    assert {p.stage for p in pilots} == {"planned", "running", "evaluating", "completed"}
    for pilot in pilots:
        challenge = pilot.proposal.challenge
        assert pilot.proposal.status == ProposalStatus.SELECTED
        assert challenge.phase in ("piloting", "closed")
        assert challenge.evaluation_end.date() <= pilot.start_date <= pilot.end_date
        assert pilot.end_date <= challenge.pilots_end.date()
        groups = set(challenge.customer_groups.values_list("pk", flat=True))
        # Feedback names one of the challenge's groups, or none (on-site feedback may not say).
        given = set(pilot.feedback.values_list("customer_group", flat=True)) - {None}
        assert given <= groups


def test_offerings_from_pilots_each_have_their_own(demo):
    from_pilots = list(Offering.objects.exclude(pilot=None))
    assert from_pilots
    assert len({o.pilot_id for o in from_pilots}) == len(from_pilots)
    summaries = list(Offering.objects.values_list("summary", flat=True))
    assert len(set(summaries)) == len(summaries)
    for offering in from_pilots:
        assert offering.pilot.stage == "completed"
