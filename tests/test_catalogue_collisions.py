"""No Tori catalogue overrides another's, nor Wagtail's or Django's own admin strings.

All catalogues share gettext's `django` domain, so one msgid has one translation at run time:
marketplace's (LOCALE_PATHS) wins, then the apps in INSTALLED_APPS order, Tori's before
Wagtail's and Django's. A short label that means something else in another place carries a
`pgettext` context instead (docs/languages.md).
"""

from collections import defaultdict
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

TORI_APPS = ["marketplace", "partners", "cms", "ideas", "search"]
LANGUAGES = ["fi", "sv"]


def _translations(path, *, with_context=True):
    """{(msgctxt, msgid): translation} of the translated, non-fuzzy entries of a .po file."""
    result = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
            continue
        if entry.msgctxt and not with_context:
            continue
        if entry.msgid_plural:
            value = tuple(v for _, v in sorted(entry.msgstr_plural.items()))
            if not all(value):
                continue
        else:
            value = entry.msgstr
            if not value:
                continue
        result[(entry.msgctxt or "", entry.msgid)] = value
    return result


def _tori(lang):
    base = Path(settings.BASE_DIR)
    return {
        app: _translations(base / app / "locale" / lang / "LC_MESSAGES" / "django.po")
        for app in TORI_APPS
    }


def _third_party(lang):
    """Wagtail's and Django's catalogues that the site loads: Django's own and those of every
    installed wagtail.* and django.contrib.* app."""
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if config.name.startswith(("wagtail", "django."))
    ]
    found = defaultdict(dict)
    for directory in dirs:
        path = directory / lang / "LC_MESSAGES" / "django.po"
        if path.exists():
            for key, value in _translations(path, with_context=False).items():
                found[key][str(directory.parent.relative_to(directory.parents[-2]))] = value
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_tori_catalogues_translate_a_message_alike(lang):
    by_key = defaultdict(dict)
    for app, entries in _tori(lang).items():
        for key, value in entries.items():
            by_key[key][app] = value
    differ = {key: apps_ for key, apps_ in by_key.items() if len(set(apps_.values())) > 1}
    assert not differ, (
        f"{lang}: {len(differ)} messages are translated differently by two Tori apps (only one "
        f"reaches the screen); give them a pgettext context or one wording: {differ}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tori_does_not_retranslate_wagtail_or_django(lang):
    theirs = _third_party(lang)
    clashes = []
    for app, entries in _tori(lang).items():
        for key, value in entries.items():
            if key[0] or key not in theirs:
                continue
            if value not in set(theirs[key].values()):
                clashes.append(f"{app}: {key[1]!r} = {value!r}, theirs {theirs[key]}")
    assert not clashes, (
        f"{lang}: {len(clashes)} Tori messages replace Wagtail's or Django's own translation; "
        "give Tori's label a pgettext context: " + "; ".join(clashes)
    )


@pytest.mark.parametrize(
    ("lang", "msgid", "expected"),
    [
        ("fi", "Reports", "Raportit"),
        ("sv", "Reports", "Rapporter"),
        ("sv", "Public", "Publik"),
        ("sv", "Submitted", "Inlämnad"),
        ("fi", "From", "Lähde"),
        ("fi", "To", "Kohde"),
        ("fi", "Admin", "Ylläpitäjä"),
        ("sv", "Admin", "Administratör"),
        ("sv", "title", "titel"),
    ],
)
def test_wagtail_admin_reads_as_wagtail_translates_it(lang, msgid, expected):
    with translation.override(lang):
        assert translation.gettext(msgid) == expected


@pytest.mark.parametrize(
    ("lang", "context", "msgid", "expected"),
    [
        ("sv", "proposal status", "Submitted", "Inlämnat"),
        ("sv", "proposal status", "Selected", "Valt"),
        ("sv", "comment visibility", "Public", "Offentlig"),
        ("fi", "comment", "Report", "Ilmoita asiaton kommentti"),
        ("fi", "content reports", "Reports", "Asiattomuusilmoitukset"),
        ("fi", "invitation", "Pending", "Odottaa vastausta"),
        ("fi", "revision", "By", "Tallentaja"),
        ("sv", "funnel step", "Submitted", "Inlämnade"),
    ],
)
def test_tori_labels_keep_their_own_wording_under_a_context(lang, context, msgid, expected):
    with translation.override(lang):
        assert translation.pgettext(context, msgid) == expected


def test_a_single_proposal_status_reads_singular_in_swedish():
    from ideas.models import ProposalStatus

    with translation.override("sv"):
        assert str(ProposalStatus.SUBMITTED.label) == "Inlämnat"
        assert str(ProposalStatus.SELECTED.label) == "Valt"
        assert str(ProposalStatus.DECLINED.label) == "Inte valt"
