"""Demo content of this app, built through its services (see `manage.py seed_demo`).

Idempotent: accounts, organisations and memberships are created only when missing.
Other apps' demos find the role accounts with `demo_user("partner")` etc.
"""

from django.contrib.auth.models import Group

from . import rules, services, tokens
from .models import City, Membership, Organisation, User
from .validators import business_id_check_digit

DEMO_PASSWORD = "tori-demo-2026"  # noqa: S105 - documented demo password, demo data only

# role key: (e-mail, display name, role label, verified, groups, superuser)
ACCOUNTS = {
    "admin": ("admin@tori.example", "Aino Admin", "admin (superuser)", True, [], True),
    "editor": (
        "editor@tori.example",
        "Eero Editor",
        "editor (Editors)",
        True,
        [rules.EDITORS],
        False,
    ),
    "moderator": (
        "moderator@tori.example",
        "Mirja Moderator",
        "moderator (Moderators)",
        True,
        [rules.MODERATORS],
        False,
    ),
    "evaluator": (
        "evaluator@tori.example",
        "Elina Evaluator",
        "evaluator (Evaluators)",
        True,
        [rules.EVALUATORS],
        False,
    ),
    "evaluator2": (
        "evaluator2@tori.example",
        "Erik Evaluator",
        "evaluator (Evaluators)",
        True,
        [rules.EVALUATORS],
        False,
    ),
    "partner": (
        "partner@tori.example",
        "Pekka Partner",
        "partner (owner of Museotech Oy)",
        True,
        [],
        False,
    ),
    "researcher": (
        "researcher@tori.example",
        "Riikka Researcher",
        "partner (member of Aalto Museum Lab)",
        True,
        [],
        False,
    ),
    "resident": ("resident@tori.example", "Reija Resident", "resident", True, [], False),
    "unverified": (
        "unverified@tori.example",
        "Ulla Unverified",
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
]


def _business_id(seven: str) -> str:
    base = int(seven)
    while business_id_check_digit(f"{base:07d}") is None:
        base += 1
    return f"{base:07d}-{business_id_check_digit(f'{base:07d}')}"


K = Organisation.Kind
# name, kind, city, business id seed (companies), website, description, capabilities, owner, members
ORGANISATIONS = [
    (
        "Espoo City Museum",
        K.PUBLIC,
        City.ESPOO,
        "",
        "https://www.espoo.fi/",
        "The city museum of Espoo, publisher of Tori's first service challenges.",
        "Collections, exhibitions, customer group profiles, pilot venues.",
        "editor",
        ["anna.virtanen@tori.example"],
    ),
    (
        "Vantaa Cultural Services",
        K.PUBLIC,
        City.VANTAA,
        "",
        "https://www.vantaa.fi/",
        "Cultural services of the City of Vantaa.",
        "Venues and audiences in Vantaa.",
        "sara.nyman@tori.example",
        [],
    ),
    (
        "Tampere Museums",
        K.PUBLIC,
        City.TAMPERE,
        "",
        "https://www.tampere.fi/",
        "The museums of the City of Tampere.",
        "Partner venue for pilots in Tampere.",
        "matti.heikkinen@tori.example",
        [],
    ),
    (
        "Museotech Oy",
        K.COMPANY,
        City.ESPOO,
        "2834561",
        "https://museotech.example",
        "Digital guides and interactive exhibits for museums.",
        "Mobile apps, AR, audio guides.",
        "partner",
        ["chen.li@tori.example"],
    ),
    (
        "Kuulokuva Oy",
        K.COMPANY,
        City.HELSINKI,
        "3012457",
        "https://kuulokuva.example",
        "Audio description and sound design for cultural venues.",
        "Audio description, podcasts.",
        "bjorn.lindqvist@tori.example",
        ["outi.korhonen@tori.example"],
    ),
    (
        "Saavutettava Design Oy",
        K.COMPANY,
        City.TURKU,
        "2976310",
        "https://saavutettava.example",
        "Accessibility audits and inclusive service design.",
        "WCAG audits, co-design workshops.",
        "outi.korhonen@tori.example",
        [],
    ),
    (
        "Pohjoinen VR Oy",
        K.COMPANY,
        City.OULU,
        "3154720",
        "https://pohjoinenvr.example",
        "Virtual visits for people who cannot travel.",
        "VR, 3D scanning, remote tours.",
        "chen.li@tori.example",
        [],
    ),
    (
        "Aalto Museum Lab",
        K.RESEARCH,
        City.ESPOO,
        "",
        "https://aalto.example/museum-lab",
        "A research group on digital heritage and visitor experience.",
        "User research, evaluation of pilots.",
        "anna.virtanen@tori.example",
        ["researcher"],
    ),
    (
        "Tampere Heritage Research Group",
        K.RESEARCH,
        City.TAMPERE,
        "",
        "",
        "Research on participatory heritage.",
        "Participatory methods, surveys.",
        "matti.heikkinen@tori.example",
        ["sara.nyman@tori.example"],
    ),
    (
        "Turku Accessibility Research",
        K.RESEARCH,
        City.TURKU,
        "",
        "",
        "Research on accessible culture services.",
        "Accessibility studies.",
        "outi.korhonen@tori.example",
        [],
    ),
    (
        "Espoo Local Heritage Society",
        K.ASSOCIATION,
        City.ESPOO,
        "",
        "",
        "Volunteers who keep Espoo's local history alive.",
        "Guided walks, oral history.",
        "resident",
        ["bjorn.lindqvist@tori.example"],
    ),
    (
        "Vantaa Seniors' Culture Friends",
        K.ASSOCIATION,
        City.VANTAA,
        "",
        "",
        "Culture outings and peer support for seniors.",
        "Peer guides, seniors' feedback panels.",
        "sara.nyman@tori.example",
        ["anna.virtanen@tori.example"],
    ),
    (
        "Oulu Families Association",
        K.ASSOCIATION,
        City.OULU,
        "",
        "",
        "Activities for families with children.",
        "Family workshops, testing with children.",
        "chen.li@tori.example",
        [],
    ),
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
            user = services.user_register(
                email=email,
                password=DEMO_PASSWORD,
                display_name=display_name,
                preferred_language=language,
                send_verification=False,
            )
            if verified:
                services.email_verify(token=tokens.make_verification_token(user))
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

    for (
        name,
        kind,
        city,
        bid_seed,
        website,
        description,
        capabilities,
        owner,
        members,
    ) in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = services.organisation_create(
                creator=_person(owner),
                name=name,
                kind=kind,
                business_id=_business_id(bid_seed) if bid_seed else "",
                city=city,
                website=website,
                description=description,
                capabilities=capabilities,
            )
            stdout.write(f"  organisation {name}\n")
        for ref in members:
            person = _person(ref)
            if not Membership.objects.filter(organisation=organisation, user=person).exists():
                services.membership_add(organisation=organisation, user=person)


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
