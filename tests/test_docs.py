"""The README and docs/ link only to files that exist in the repository."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _relative_links(document: Path):
    for target in LINK.findall(document.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # an absolute address or an anchor on the same page
        yield target.split("#", 1)[0]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_relative_link_points_at_a_file(document):
    missing = [
        target
        for target in _relative_links(document)
        if not (document.parent / target).resolve().exists()
    ]
    assert not missing, f"{document.relative_to(ROOT)} links to missing files: {missing}"


def test_docs_never_point_outside_the_repository():
    outside = [
        (document.name, target)
        for document in DOCUMENTS
        for target in _relative_links(document)
        if not (document.parent / target).resolve().is_relative_to(ROOT)
    ]
    assert not outside, outside


SETTINGS = ROOT / "marketplace" / "site" / "settings"
ENV_READ = re.compile(
    r"""(?:env_\w+\(|os\.environ(?:\.get|\.setdefault)?[(\[]|os\.getenv\()\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def _variables_read_in_settings() -> set[str]:
    return {
        name
        for module in sorted(SETTINGS.glob("*.py"))
        for name in ENV_READ.findall(module.read_text(encoding="utf-8"))
    }


def _configuration_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1]
    return section.split("\n## ", 1)[0]


def _variables_in_the_table() -> set[str]:
    return {
        name
        for row in _configuration_table().splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split(" | ", 1)[0])
    }


def test_every_environment_variable_is_in_the_readme_configuration_table():
    read = _variables_read_in_settings()
    assert {"SECRET_KEY", "TORI_LOGIN_RATE", "TORI_API_THROTTLE_RATE"} <= read  # the pattern works
    missing = sorted(read - _variables_in_the_table())
    assert not missing, (
        f"read in marketplace/site/settings/ but not in the README's table: {missing}"
    )


def test_the_readme_configuration_table_names_only_variables_that_are_read():
    stale = sorted(_variables_in_the_table() - _variables_read_in_settings())
    assert not stale, f"in the README's configuration table but read nowhere: {stale}"
