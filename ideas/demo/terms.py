"""Demo terms: every demo challenge carries version 1 of its intellectual property and
confidentiality terms (in Finnish, with Swedish and English translations) before the teams
submit, and the demo evaluators accept those of the challenges they evaluate. Idempotent."""

from django.db.models import Exists, OuterRef
from wagtail.models import Locale

from cms.models import ChallengePage
from partners import demo as partner_demo
from partners.models import User

from ..models import ChallengeTerms, EvaluatorAssignment, TermsAcceptance
from ..services import terms as terms_services

TERMS = {
    "fi": (
        "<h2>Immateriaalioikeudet</h2>"
        "<p>Ehdotuksen ja sen liitteiden tekijänoikeudet ja muut immateriaalioikeudet "
        "säilyvät tiimillä. Kaupunki saa käyttää ehdotuksen julkista osaa haasteen "
        "arviointiin, viestintään ja raportointiin.</p>"
        "<h2>Pilotin tulokset</h2>"
        "<p>Pilotissa kerätyt mittaustulokset ja asukaspalaute ovat kaupungin aineistoa, "
        "ja kaupunki voi julkaista ne avoimena datana. Palvelu, jonka tiimi on kehittänyt, "
        "on tiimin omaisuutta; jos kaupunki hankkii sen, hankinta tehdään hankintalain "
        "mukaisesti.</p>"
        "<h2>Luottamuksellisuus</h2>"
        "<p>Luottamukselliseksi merkityt osat (hinnoittelu, liikesalaisuudet ja valitut "
        "liitteet) näkevät vain tiimi, kaupungin henkilökunta ja haasteen arvioijat. "
        "Arvioijat sitoutuvat pitämään ne salassa eivätkä käytä niitä muuhun kuin "
        "arviointiin.</p>"
    ),
    "sv": (
        "<h2>Immateriella rättigheter</h2>"
        "<p>Upphovsrätten och de andra immateriella rättigheterna till förslaget och dess "
        "bilagor stannar hos teamet. Staden får använda den offentliga delen av förslaget "
        "för utvärdering, kommunikation och rapportering.</p>"
        "<h2>Resultaten av piloten</h2>"
        "<p>Mätresultaten och invånarnas respons från piloten hör till staden, som kan "
        "publicera dem som öppna data. Tjänsten som teamet har utvecklat tillhör teamet; om "
        "staden skaffar den görs upphandlingen enligt upphandlingslagen.</p>"
        "<h2>Sekretess</h2>"
        "<p>De delar som markerats som konfidentiella (prissättning, affärshemligheter och "
        "valda bilagor) ser bara teamet, stadens personal och utmaningens bedömare. "
        "Bedömarna förbinder sig att hålla dem hemliga och använder dem endast för "
        "bedömningen.</p>"
    ),
    "en": (
        "<h2>Intellectual property</h2>"
        "<p>The team keeps the copyright and other intellectual property in the proposal and "
        "its attachments. The city may use the public part of the proposal to evaluate the "
        "challenge, to communicate about it and to report on it.</p>"
        "<h2>Results of the pilot</h2>"
        "<p>The measurements and residents' feedback gathered in a pilot belong to the city, "
        "which may publish them as open data. The service the team developed belongs to the "
        "team; if the city buys it, it does so under the Act on Public Procurement.</p>"
        "<h2>Confidentiality</h2>"
        "<p>The parts marked confidential (pricing, trade secrets and chosen attachments) are "
        "seen only by the team, the city's staff and the challenge's evaluators. The "
        "evaluators undertake to keep them confidential and to use them for the evaluation "
        "only.</p>"
    ),
}


def seed(*, stdout) -> None:
    """Version 1 of the terms on every demo challenge that has none."""
    editor = User.objects.filter(email=partner_demo.ACCOUNTS["editor"][0]).first()
    if editor is None:
        stdout.write("  terms: no demo editor yet, skipped")
        return
    try:
        locale = Locale.get_default()
    except Locale.DoesNotExist:
        return
    without = (
        ChallengePage.objects.live()
        .filter(locale=locale)
        .exclude(Exists(ChallengeTerms.objects.filter(challenge=OuterRef("pk"))))
    )
    made = 0
    for challenge in without.order_by("pk"):
        terms_services.terms_publish(
            challenge=challenge,
            by=editor,
            body=TERMS["fi"],
            language="fi",
            translations={"sv": {"body": TERMS["sv"]}, "en": {"body": TERMS["en"]}},
        )
        made += 1
    stdout.write(f"  terms: {made} challenges given terms")


def seed_evaluators(*, stdout) -> None:
    """The assigned demo evaluators accept the terms of their challenges."""
    made = 0
    for assignment in EvaluatorAssignment.objects.select_related("challenge", "evaluator"):
        terms = assignment.challenge.terms_versions.order_by("-version").first()
        if (
            terms is None
            or TermsAcceptance.objects.filter(terms=terms, user=assignment.evaluator).exists()
        ):
            continue
        terms_services.accept_as_evaluator(challenge=assignment.challenge, by=assignment.evaluator)
        made += 1
    stdout.write(f"  terms: {made} evaluator acceptances")
