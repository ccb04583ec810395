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
