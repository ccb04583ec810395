"""The Finnish and Swedish catalogues are complete and compiled.

Fails when an app's catalogue is missing, when a message is untranslated or fuzzy, or when the
compiled .mo is missing or does not hold exactly the .po's translations (compiled in memory with
polib and compared entry by entry; an older .mo is named in the message).
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

APPS = ["marketplace", "partners", "cms", "ideas", "search"]
LANGUAGES = ["fi", "sv"]
CASES = [(app, lang) for app in APPS for lang in LANGUAGES]


def _paths(app, lang):
    base = Path(settings.BASE_DIR) / app / "locale" / lang / "LC_MESSAGES"
    return base / "django.po", base / "django.mo"


def _label(entry):
    ctx = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    where = ", ".join(f"{f}:{line}" for f, line in entry.occurrences[:2])
    return f"{ctx}{entry.msgid!r} ({where})"


@pytest.mark.parametrize(("app", "lang"), CASES, ids=[f"{a}-{lang}" for a, lang in CASES])
def test_catalogue_is_complete(app, lang):
    po_path, _ = _paths(app, lang)
    assert po_path.exists(), f"missing catalogue {po_path.relative_to(settings.BASE_DIR)}"
    po = polib.pofile(str(po_path))
    untranslated = [_label(e) for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [_label(e) for e in po.fuzzy_entries() if not e.obsolete]
    assert not untranslated, f"{app}/{lang}: {len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{app}/{lang}: {len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert len(po.translated_entries()) > 0, f"{app}/{lang}: empty catalogue"


def _entries(catalogue):
    """{(msgctxt, msgid, msgid_plural): translation(s)} for every translated, non-header entry."""
    result = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            value = tuple(v for _, v in sorted(entry.msgstr_plural.items()))
            if not any(value):
                continue
        else:
            value = entry.msgstr
            if not value:
                continue
        result[(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")] = value
    return result


@pytest.mark.parametrize(("app", "lang"), CASES, ids=[f"{a}-{lang}" for a, lang in CASES])
def test_compiled_catalogue_matches_source(app, lang):
    po_path, mo_path = _paths(app, lang)
    assert po_path.exists(), f"missing catalogue {po_path.relative_to(settings.BASE_DIR)}"
    assert mo_path.exists(), f"{mo_path.relative_to(settings.BASE_DIR)} not compiled"
    # Git does not keep modification times, so an older .mo is only reported together with a
    # difference in content (the authoritative check below).
    older = mo_path.stat().st_mtime < po_path.stat().st_mtime
    hint = " (and it is older than the .po)" if older else ""
    po = polib.pofile(str(po_path))
    # Compile the .po in memory and compare with what is on disk.
    expected = _entries(polib.mofile(po.to_binary()))
    on_disk = _entries(polib.mofile(str(mo_path)))
    missing = sorted(set(expected) - set(on_disk))[:10]
    stale = sorted(k for k in set(expected) & set(on_disk) if expected[k] != on_disk[k])[:10]
    extra = sorted(set(on_disk) - set(expected))[:10]
    assert not missing, f"{app}/{lang}: .mo lacks {missing}{hint}: run compilemessages"
    assert not stale, f"{app}/{lang}: .mo differs for {stale}{hint}: run compilemessages"
    assert not extra, f"{app}/{lang}: .mo has entries not in the .po {extra}"
