"""Demo content of this app, built through its services (see `manage.py seed_demo`).

Idempotent: accounts, organisations and memberships are created only when missing.
Other apps' demos find the role accounts with `demo_user("partner")` etc.
"""

from django.contrib.auth.models import Group
from django.utils import timezone

from . import rules, tokens
from .models import City, Membership, Organisation, User
from .services import accounts as account_services
from .services import memberships as membership_services
from .services import organisations as organisation_services
from .validators import business_id_check_digit

LANGUAGES = ("fi", "sv", "en")
DEMO_PASSWORD = "tori-demo-2026"  # noqa: S105 - documented demo password, demo data only

# role key: (e-mail, display name, role label, verified, groups, superuser)
ACCOUNTS = {
    "admin": ("admin@tori.example", "Tuomas Rantanen", "admin (superuser)", True, [], True),
    "editor": (
        "editor@tori.example",
        "Eeva Salminen",
        "editor (Editors)",
        True,
        [rules.EDITORS],
        False,
    ),
    "moderator": (
        "moderator@tori.example",
        "Mikael Grönroos",
        "moderator (Moderators)",
        True,
        [rules.MODERATORS],
        False,
    ),
    "evaluator": (
        "evaluator@tori.example",
        "Elina Mäkelä",
        "evaluator (Evaluators)",
        True,
        [rules.EVALUATORS],
        False,
    ),
    "evaluator2": (
        "evaluator2@tori.example",
        "Johan Sundström",
        "evaluator (Evaluators)",
        True,
        [rules.EVALUATORS],
        False,
    ),
    "partner": (
        "partner@tori.example",
        "Petri Koskinen",
        "partner (owner of Museotech Oy)",
        True,
        [],
        False,
    ),
    "researcher": (
        "researcher@tori.example",
        "Riikka Hämäläinen",
        "partner (member of Aalto Museum Lab)",
        True,
        [],
        False,
    ),
    "resident": ("resident@tori.example", "Leena Nieminen", "resident", True, [], False),
    "unverified": (
        "unverified@tori.example",
        "Ulla Järvinen",
        "resident, e-mail not confirmed",
        False,
        [],
        False,
    ),
}

# Further people who fill the organisations (same demo password, not printed).
PEOPLE = [
    ("anna.virtanen@tori.example", "Anna Virtanen", "fi"),
    ("bjorn.lindqvist@tori.example", "Björn Lindqvist", "sv"),
    ("chen.li@tori.example", "Chen Li", "en"),
    ("outi.korhonen@tori.example", "Outi Korhonen", "fi"),
    ("sara.nyman@tori.example", "Sara Nyman", "sv"),
    ("matti.heikkinen@tori.example", "Matti Heikkinen", "fi"),
    ("heidi.rautio@tori.example", "Heidi Rautio", "fi"),
    ("linnea.forsman@tori.example", "Linnea Forsman", "sv"),
    ("kari.toivonen@tori.example", "Kari Toivonen", "fi"),
    ("jenni.pitkanen@tori.example", "Jenni Pitkänen", "fi"),
]

# Residents who comment, vote and give feedback: no organisation, no password (they do not
# sign in; the resident account above is the one to try). (e-mail, display name, language)
RESIDENTS = [
    ("marjatta.lehtonen@demo.tori.example", "Marjatta Lehtonen", "fi"),
    ("jari.mattila@demo.tori.example", "Jari Mattila", "fi"),
    ("ingrid.holmstrom@demo.tori.example", "Ingrid Holmström", "sv"),
    ("sanna.kallio@demo.tori.example", "Sanna Kallio", "fi"),
    ("kaisu.heikkila@demo.tori.example", "Kaisu Heikkilä", "fi"),
    ("mats.wikstrom@demo.tori.example", "Mats Wikström", "sv"),
    ("ahmed.hassan@demo.tori.example", "Ahmed Hassan", "fi"),
    ("tiina.laine@demo.tori.example", "Tiina Laine", "fi"),
    ("oskari.saarinen@demo.tori.example", "Oskari Saarinen", "fi"),
    ("emma.lindberg@demo.tori.example", "Emma Lindberg", "sv"),
    ("pirjo.turunen@demo.tori.example", "Pirjo Turunen", "fi"),
    ("veikko.anttila@demo.tori.example", "Veikko Anttila", "fi"),
]


# The author of the demo's moderated comment: an advert posted on a proposal, which a resident
# reports and the moderator hides. Not a resident who votes or gives feedback.
ADVERTISER = ("myynti@juhlariemu.demo.tori.example", "Juhlariemu Oy", "fi")


def _business_id(seven: str) -> str:
    base = int(seven)
    while business_id_check_digit(f"{base:07d}") is None:
        base += 1
    return f"{base:07d}-{business_id_check_digit(f'{base:07d}')}"


K = Organisation.Kind
# Each organisation: the language its texts are written in, and the description and
# capabilities in fi, sv and en. Names are as the organisations write them themselves.
ORGANISATIONS = [
    {
        "name": "Espoon kaupunginmuseo KAMU",
        "kind": K.PUBLIC,
        "city": City.ESPOO,
        "website": "https://www.kamu.fi/",
        "owner": "editor",
        "members": ["anna.virtanen@tori.example"],
        "language": "fi",
        "fi": (
            "Espoon kaupunginmuseo KAMU kertoo Espoon historiasta ja nykypäivästä. Museo "
            "julkaisee Torissa palveluhaasteet ja tarjoaa tiloja piloteille.",
            "Kokoelmat ja arkistot, näyttelytilat WeeGee-talossa, museopedagogit, tieto "
            "museon asiakasryhmistä.",
        ),
        "sv": (
            "Esbo stadsmuseum KAMU berättar om Esbos historia och nutid. Museet publicerar "
            "tjänsteutmaningarna på Tori och erbjuder lokaler för piloter.",
            "Samlingar och arkiv, utställningslokaler i WeeGee-huset, museipedagoger, kunskap "
            "om museets kundgrupper.",
        ),
        "en": (
            "KAMU Espoo City Museum tells the story of Espoo, past and present. The museum "
            "publishes the service challenges on Tori and offers space for pilots.",
            "Collections and archives, exhibition space in the WeeGee building, museum "
            "educators, knowledge of the museum's customer groups.",
        ),
    },
    {
        "name": "Vantaan kaupungin kulttuuripalvelut",
        "kind": K.PUBLIC,
        "city": City.VANTAA,
        "website": "https://www.vantaa.fi/",
        "owner": "sara.nyman@tori.example",
        "members": [],
        "language": "fi",
        "fi": (
            "Vantaan kaupungin kulttuuripalvelut järjestää taidetta, tapahtumia ja "
            "museotoimintaa kaikille vantaalaisille.",
            "Kulttuuritilat ja kirjastot Vantaalla, yhteydet kouluihin ja ikäihmisten palveluihin.",
        ),
        "sv": (
            "Vanda stads kulturtjänster ordnar konst, evenemang och museiverksamhet för alla "
            "vandabor.",
            "Kulturlokaler och bibliotek i Vanda, kontakter till skolor och äldreomsorgen.",
        ),
        "en": (
            "The City of Vantaa's cultural services organise art, events and museums for "
            "everyone in Vantaa.",
            "Cultural venues and libraries in Vantaa, links to schools and services for older "
            "people.",
        ),
    },
    {
        "name": "Tampereen museot",
        "kind": K.PUBLIC,
        "city": City.TAMPERE,
        "website": "https://www.tampere.fi/",
        "owner": "matti.heikkinen@tori.example",
        "members": [],
        "language": "fi",
        "fi": (
            "Tampereen kaupungin museot, muun muassa Vapriikki. Kokeilemme mielellämme "
            "Espoossa toimiviksi todettuja palveluja.",
            "Kokeilupaikat Tampereella, kokemus kuva-arkistojen avaamisesta.",
        ),
        "sv": (
            "Tammerfors stads museer, bland annat Vapriikki. Vi provar gärna tjänster som har "
            "fungerat i Esbo.",
            "Pilotplatser i Tammerfors, erfarenhet av att öppna bildarkiv.",
        ),
        "en": (
            "The City of Tampere's museums, Vapriikki among them. We are glad to try services "
            "that have worked in Espoo.",
            "Pilot venues in Tampere, experience of opening photo archives.",
        ),
    },
    {
        "name": "Museotech Oy",
        "kind": K.COMPANY,
        "city": City.ESPOO,
        "business_id": "2834561",
        "website": "https://museotech.example",
        "owner": "partner",
        "members": ["chen.li@tori.example"],
        "language": "fi",
        "fi": (
            "Teemme museoille digitaalisia oppaita, hakupalveluja ja "
            "vuorovaikutteisia näyttelyitä.",
            "Mobiilisovellukset, kokoelmahaut, 3D-mallinnus ja -tulostus.",
        ),
        "sv": (
            "Vi gör digitala guider, söktjänster och interaktiva utställningar för museer.",
            "Mobilappar, samlingssökning, 3D-modellering och 3D-utskrift.",
        ),
        "en": (
            "We make digital guides, search services and interactive exhibits for museums.",
            "Mobile apps, collection search, 3D modelling and printing.",
        ),
    },
    {
        "name": "Kuulokuva Oy",
        "kind": K.COMPANY,
        "city": City.HELSINKI,
        "business_id": "3012457",
        "website": "https://kuulokuva.example",
        "owner": "bjorn.lindqvist@tori.example",
        "members": ["outi.korhonen@tori.example"],
        "language": "fi",
        "fi": (
            "Kuvailutulkkausta ja äänisuunnittelua kulttuurikohteisiin suomeksi ja ruotsiksi.",
            "Kuvailutulkkaus, ääniopastukset, podcastit.",
        ),
        "sv": (
            "Syntolkning och ljuddesign för kulturmål på finska och svenska.",
            "Syntolkning, ljudguider, poddar.",
        ),
        "en": (
            "Audio description and sound design for cultural venues, in Finnish and Swedish.",
            "Audio description, audio guides, podcasts.",
        ),
    },
    {
        "name": "Saavutettava Design Oy",
        "kind": K.COMPANY,
        "city": City.TURKU,
        "business_id": "2976310",
        "website": "https://saavutettava.example",
        "owner": "outi.korhonen@tori.example",
        "members": [],
        "language": "fi",
        "fi": (
            "Saavutettavuusarvioita ja palvelumuotoilua, jossa käyttäjät ovat mukana alusta asti.",
            "WCAG-arvioinnit, yhteiskehittämisen työpajat, selkokieliset sisällöt.",
        ),
        "sv": (
            "Tillgänglighetsgranskningar och tjänstedesign där användarna är med från början.",
            "WCAG-granskningar, workshoppar för samutveckling, innehåll på lättläst språk.",
        ),
        "en": (
            "Accessibility audits and service design with users involved from the start.",
            "WCAG audits, co-design workshops, easy-to-read content.",
        ),
    },
    {
        "name": "Pohjoinen VR Oy",
        "kind": K.COMPANY,
        "city": City.OULU,
        "business_id": "3154720",
        "website": "https://pohjoinenvr.example",
        "owner": "chen.li@tori.example",
        "members": [],
        "language": "en",
        "fi": (
            "Virtuaalivierailuja niille, jotka eivät pääse paikan päälle.",
            "Virtuaalitodellisuus, 3D-skannaus, etäopastukset.",
        ),
        "sv": (
            "Virtuella besök för dem som inte kan komma på plats.",
            "Virtuell verklighet, 3D-skanning, guidningar på distans.",
        ),
        "en": (
            "Virtual visits for people who cannot come in person.",
            "Virtual reality, 3D scanning, remote guided tours.",
        ),
    },
    {
        "name": "Aalto Museum Lab",
        "kind": K.RESEARCH,
        "city": City.ESPOO,
        "website": "https://aalto.example/museum-lab",
        "owner": "anna.virtanen@tori.example",
        "members": ["researcher"],
        "language": "en",
        "fi": (
            "Aalto-yliopiston tutkimusryhmä, joka tutkii digitaalista kulttuuriperintöä ja "
            "museokävijöiden kokemuksia.",
            "Käyttäjätutkimus, kokeilujen arviointi, avoimet rajapinnat.",
        ),
        "sv": (
            "En forskargrupp vid Aalto-universitetet som forskar i digitalt kulturarv och "
            "museibesökarnas upplevelser.",
            "Användarforskning, utvärdering av piloter, öppna gränssnitt.",
        ),
        "en": (
            "A research group at Aalto University studying digital heritage and the visitor "
            "experience.",
            "User research, evaluation of pilots, open interfaces.",
        ),
    },
    {
        "name": "Tampereen yliopiston kulttuuriperinnön tutkimusryhmä",
        "kind": K.RESEARCH,
        "city": City.TAMPERE,
        "website": "",
        "owner": "heidi.rautio@tori.example",
        "members": ["matti.heikkinen@tori.example"],
        "language": "fi",
        "fi": (
            "Tutkimme, miten asukkaat voivat osallistua kulttuuriperinnön tallentamiseen.",
            "Osallistavat menetelmät, kyselyt, kuvien käyttöoikeudet.",
        ),
        "sv": (
            "Vi forskar i hur invånarna kan delta i att dokumentera kulturarvet.",
            "Deltagande metoder, enkäter, användningsrätt till bilder.",
        ),
        "en": (
            "We study how residents can take part in recording cultural heritage.",
            "Participatory methods, surveys, image rights.",
        ),
    },
    {
        "name": "Forskargruppen för tillgänglig kultur vid Åbo Akademi",
        "kind": K.RESEARCH,
        "city": City.TURKU,
        "website": "",
        "owner": "linnea.forsman@tori.example",
        "members": [],
        "language": "sv",
        "fi": (
            "Åbo Akademin tutkimusryhmä, joka tutkii saavutettavia kulttuuripalveluja.",
            "Saavutettavuustutkimus, näkövammaisten kävijöiden haastattelut.",
        ),
        "sv": (
            "En forskargrupp vid Åbo Akademi som forskar i tillgängliga kulturtjänster.",
            "Tillgänglighetsforskning, intervjuer med synskadade besökare.",
        ),
        "en": (
            "A research group at Åbo Akademi University studying accessible cultural services.",
            "Accessibility research, interviews with visually impaired visitors.",
        ),
    },
    {
        "name": "Espoo-seura ry",
        "kind": K.ASSOCIATION,
        "city": City.ESPOO,
        "website": "",
        "owner": "kari.toivonen@tori.example",
        "members": ["bjorn.lindqvist@tori.example"],
        "language": "fi",
        "fi": (
            "Vapaaehtoiset, jotka pitävät Espoon paikallishistorian elävänä.",
            "Opastetut kävelyt, muistitiedon keruu, vanhojen kuvien tunnistaminen.",
        ),
        "sv": (
            "Frivilliga som håller Esbos lokalhistoria levande.",
            "Guidade promenader, insamling av minnen, identifiering av gamla bilder.",
        ),
        "en": (
            "Volunteers who keep Espoo's local history alive.",
            "Guided walks, collecting oral history, identifying old photographs.",
        ),
    },
    {
        "name": "Vantaan seniorien kulttuuriystävät ry",
        "kind": K.ASSOCIATION,
        "city": City.VANTAA,
        "website": "",
        "owner": "sara.nyman@tori.example",
        "members": ["anna.virtanen@tori.example"],
        "language": "fi",
        "fi": (
            "Kulttuuriretkiä ja vertaistukea ikääntyneille.",
            "Vertaisoppaat, seniorien palauteraati.",
        ),
        "sv": (
            "Kulturutflykter och kamratstöd för äldre.",
            "Kamratguider, en responsgrupp av seniorer.",
        ),
        "en": (
            "Culture outings and peer support for older people.",
            "Peer guides, a seniors' feedback panel.",
        ),
    },
    {
        "name": "Oulun lapsiperheet ry",
        "kind": K.ASSOCIATION,
        "city": City.OULU,
        "website": "",
        "owner": "jenni.pitkanen@tori.example",
        "members": [],
        "language": "fi",
        "fi": (
            "Toimintaa lapsiperheille Oulussa.",
            "Perhetyöpajat, testaus yhdessä lasten kanssa.",
        ),
        "sv": (
            "Verksamhet för barnfamiljer i Uleåborg.",
            "Familjeverkstäder, testning tillsammans med barn.",
        ),
        "en": (
            "Activities for families with children in Oulu.",
            "Family workshops, testing with children.",
        ),
    },
]


def demo_user(key: str) -> User:
    """A demo account by role key (see ACCOUNTS), e.g. `demo_user("partner")`."""
    return User.objects.get(email=ACCOUNTS[key][0])


def _person(ref: str) -> User:
    return demo_user(ref) if ref in ACCOUNTS else User.objects.get(email=ref)


def _ensure_account(
    *, email, display_name, language="fi", verified=True, groups=(), superuser=False, stdout
):
    user = User.objects.filter(email=email).first()
    if user is None:
        if superuser:
            user = User.objects.create_superuser(
                email=email, password=DEMO_PASSWORD, display_name=display_name
            )
        else:
            user = account_services.user_register(
                email=email,
                password=DEMO_PASSWORD,
                display_name=display_name,
                preferred_language=language,
                send_verification=False,
            )
            if verified:
                account_services.email_verify(token=tokens.make_verification_token(user))
            if groups:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
                user.groups.add(*Group.objects.filter(name__in=groups))
        stdout.write(f"  account {email}\n")
    return user


def seed(*, stdout) -> None:
    """Create this app's demo content if it is missing."""
    for email, name, _label, verified, groups, superuser in ACCOUNTS.values():
        _ensure_account(
            email=email,
            display_name=name,
            verified=verified,
            groups=groups,
            superuser=superuser,
            stdout=stdout,
        )
    for email, name, language in PEOPLE:
        _ensure_account(email=email, display_name=name, language=language, stdout=stdout)

    for spec in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=spec["name"]).first()
        if organisation is None:
            language = spec["language"]
            organisation = organisation_services.organisation_create(
                creator=_person(spec["owner"]),
                name=spec["name"],
                kind=spec["kind"],
                business_id=_business_id(spec["business_id"]) if spec.get("business_id") else "",
                city=spec["city"],
                website=spec["website"],
                description=spec[language][0],
                capabilities=spec[language][1],
                language=language,
                translations={
                    code: {"description": spec[code][0], "capabilities": spec[code][1]}
                    for code in LANGUAGES
                    if code != language
                },
            )
            stdout.write(f"  organisation {spec['name']}\n")
        for ref in spec["members"]:
            person = _person(ref)
            if not Membership.objects.filter(organisation=organisation, user=person).exists():
                membership_services.membership_add(organisation=organisation, user=person)
    demo_residents()


def _demo_person(email: str, name: str, language: str) -> User:
    """A verified demo account without a password, created once by e-mail."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "display_name": name,
            "email_verified_at": timezone.now(),
            "preferred_language": language,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def demo_residents() -> list[User]:
    """The demo residents (see RESIDENTS), verified, created once by e-mail."""
    return [_demo_person(email, name, language) for email, name, language in RESIDENTS]


def demo_advertiser() -> User:
    """The account that posts the demo's advert (see ADVERTISER), created once by e-mail."""
    return _demo_person(*ADVERTISER)


def print_accounts(*, stdout) -> None:
    """Print the demo accounts and their passwords."""
    rows = [(email, label) for email, _name, label, *_rest in ACCOUNTS.values()]
    width = max(len(email) for email, _ in rows)
    role_width = max(len(label) for _, label in rows)
    stdout.write("\n")
    stdout.write("Demo accounts (sign in at /fi/account/login/, admin at /admin/):\n")
    stdout.write(f"  {'e-mail'.ljust(width)}  {'role'.ljust(role_width)}  password\n")
    stdout.write(f"  {'-' * width}  {'-' * role_width}  {'-' * len(DEMO_PASSWORD)}\n")
    for email, label in rows:
        stdout.write(f"  {email.ljust(width)}  {label.ljust(role_width)}  {DEMO_PASSWORD}\n")
