"""Demo partnering: the shared capability list in Finnish, Swedish and English, the demo
organisations' capability tags, one open call for partners on a draft and one request to
join it from another organisation. Idempotent: nothing is made twice, nothing a demo user
changed (a closed call, an answered request) is made again."""

from django.conf import settings
from wagtail.models import Locale

from partners import demo as partner_demo
from partners.models import Capability, Membership, Organisation, User
from partners.services.organisations import set_capability_tags

from ..models import JoinRequest, PartnerCall, Proposal, ProposalStatus
from ..services import partnering as services
from ..services.proposals import ProposalError
from . import content

# slug: {language: name}
CAPABILITIES = {
    "accessibility": {"fi": "Saavutettavuus", "sv": "Tillgänglighet", "en": "Accessibility"},
    "service-design": {"fi": "Palvelumuotoilu", "sv": "Tjänstedesign", "en": "Service design"},
    "research": {"fi": "Tutkimus", "sv": "Forskning", "en": "Research"},
    "digital-exhibitions": {
        "fi": "Digitaaliset näyttelyt",
        "sv": "Digitala utställningar",
        "en": "Digital exhibitions",
    },
    "virtual-reality": {
        "fi": "Virtuaalitodellisuus",
        "sv": "Virtuell verklighet",
        "en": "Virtual reality",
    },
    "sound-design": {"fi": "Äänisuunnittelu", "sv": "Ljuddesign", "en": "Sound design"},
    "software": {
        "fi": "Ohjelmistokehitys",
        "sv": "Programvaruutveckling",
        "en": "Software development",
    },
    "museum-education": {
        "fi": "Museopedagogiikka",
        "sv": "Museipedagogik",
        "en": "Museum education",
    },
    "community-work": {"fi": "Yhteisötyö", "sv": "Samhällsarbete", "en": "Community work"},
}

TAGS = {
    content.MUSEOTECH: ["software", "digital-exhibitions"],
    content.KUULOKUVA: ["sound-design", "accessibility"],
    content.SAAVUTETTAVA: ["accessibility", "service-design"],
    content.POHJOINEN: ["virtual-reality", "digital-exhibitions", "software"],
    content.AALTO: ["research", "service-design", "digital-exhibitions"],
    content.TAMPERE_RESEARCH: ["research", "museum-education"],
    content.ABO: ["research", "accessibility"],
    content.ESPOO_SEURA: ["community-work"],
    content.VANTAA_SENIORS: ["community-work"],
    content.OULU_FAMILIES: ["community-work", "museum-education"],
    content.KAMU: ["museum-education", "digital-exhibitions"],
}

# The draft that looks for partners (content.py), and who asks to join it.
DRAFT_KEY = "vr-servicehus"
CALL = {
    "language": "sv",
    "description": "En forskargrupp med kunnande i tillgänglighet som hjälper oss att mäta hur "
    "de äldre upplever VR-besöken och vad som gör dem lättare att delta i.",
    "translations": {
        "fi": {
            "description": "Saavutettavuuteen perehtynyt tutkimusryhmä, joka auttaa meitä "
            "mittaamaan, miten ikääntyneet kokevat VR-käynnit ja mikä helpottaa osallistumista."
        },
        "en": {
            "description": "A research group with accessibility expertise to help us measure "
            "how older residents experience the VR visits and what makes taking part easier."
        },
    },
    "capabilities": ["research", "accessibility"],
}
REQUESTER = content.AALTO
REQUEST_MESSAGE = (
    "Aalto Museum Lab tutkii museoiden etäkäyntejä. Voisimme suunnitella pilotin mittarit ja "
    "haastatella palvelutalojen asukkaita."
)


def _capabilities(stdout) -> dict[str, Capability]:
    """The originals (default language) by slug; missing copies are added."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = locales.get(settings.LANGUAGE_CODE)
    if default is None:
        stdout.write("  partnering: no default locale yet, skipped")
        return {}
    originals = {}
    for slug, names in CAPABILITIES.items():
        original = Capability.objects.filter(locale=default, slug=slug).first()
        if original is None:
            original = Capability.objects.create(
                locale=default, slug=slug, name=names[settings.LANGUAGE_CODE]
            )
        originals[slug] = original
        for code, name in names.items():
            locale = locales.get(code)
            if locale is None or code == settings.LANGUAGE_CODE:
                continue
            if not Capability.objects.filter(
                locale=locale, translation_key=original.translation_key
            ).exists():
                copy = original.copy_for_translation(locale)
                copy.name = name
                copy.save()
    return originals


def _tag_organisations(originals) -> None:
    for name, slugs in TAGS.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None or organisation.capability_tags.exists():
            continue
        set_capability_tags(organisation, [originals[slug] for slug in slugs])


def _member(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, user__email_verified_at__isnull=False)
        .select_related("user")
        .order_by("-role", "pk")
        .first()
    )
    return membership.user if membership else None


def _call(originals, stdout) -> PartnerCall | None:
    _slug, spec = content.BY_KEY[DRAFT_KEY]
    proposal = Proposal.objects.filter(title=spec["title"], status=ProposalStatus.DRAFT).first()
    if proposal is None:
        stdout.write("  partnering: the demo draft is missing, no call for partners")
        return None
    call = proposal.partner_calls.order_by("pk").first()
    if call is not None:
        return call
    author = proposal.lead_organisation and _member(proposal.lead_organisation)
    if author is None:
        return None
    try:
        call = services.call_create(
            proposal=proposal,
            by=author,
            description=CALL["description"],
            capabilities=[originals[slug] for slug in CALL["capabilities"]],
        )
    except ProposalError:
        stdout.write("  partnering: the demo draft takes no partners now, no call")
        return None
    call.language = CALL["language"]
    call.set_translations(CALL["translations"])
    call.save(update_fields=["language", "translations"])
    return call


def _join_request(call) -> None:
    organisation = Organisation.objects.filter(name=REQUESTER).first()
    if (
        organisation is None
        or JoinRequest.objects.filter(proposal=call.proposal, organisation=organisation).exists()
    ):
        return
    researcher = User.objects.filter(email=partner_demo.ACCOUNTS["researcher"][0]).first()
    person = researcher or _member(organisation)
    if person is None:
        return
    try:
        services.join_request_create(
            call=call, by=person, organisation=organisation, message=REQUEST_MESSAGE
        )
    except ProposalError:
        pass  # the call is closed or the organisation is on the team already


def seed(*, stdout) -> None:
    originals = _capabilities(stdout)
    if not originals:
        return
    _tag_organisations(originals)
    call = _call(originals, stdout)
    if call is not None and call.is_open:
        _join_request(call)
