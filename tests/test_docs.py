"""The README and docs/ link only to files that exist in the repository, name only modules that
exist, and docs/architecture.md maps every app."""

import ast
import re
import tomllib
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


TICKED = re.compile(r"`([^`]+)`")
FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
# Written by runs (`make bench`, the browser tests) and ignored by git: never in the repository.
GENERATED = ("var/",)
PLACEHOLDER = re.compile(r"[<{*\[]")
APPS = tuple(
    tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
        "root_packages"
    ]
)


def _ticked(document: Path):
    """What the document writes in backticks outside code blocks, one span at a time."""
    return TICKED.findall(FENCED.sub("", document.read_text(encoding="utf-8")))


def _repo_paths(document: Path):
    """Spans that look like a path in the repository: a slash, and a file extension or a
    closing slash. Site addresses (`/fi/…`), URLs and `VARIABLE/…` are not paths; a test id's
    `::name` is dropped."""
    for span in _ticked(document):
        path = span.split("::", 1)[0]
        if any(c.isspace() for c in path) or "/" not in path or "://" in path:
            continue
        if not (path.endswith("/") or re.search(r"\.[A-Za-z0-9]+$", path)):
            continue
        if path.startswith(("/", *GENERATED)) or re.match(r"[A-Z][A-Z0-9_]*/", path):
            continue
        yield path


def _exists(path: str) -> bool:
    """A path exists; with a wildcard, something matches it; with a placeholder (`<lang>`,
    `{fi,sv}`), the folder written before it exists."""
    if "*" in path:
        return any(ROOT.glob(path))
    placeholder = PLACEHOLDER.search(path)
    if placeholder:
        folder = path[: placeholder.start()].rpartition("/")[0]
        return not folder or (ROOT / folder).is_dir()
    return (ROOT / path).is_dir() if path.endswith("/") else (ROOT / path).exists()


def test_the_path_pattern_finds_paths():
    found = {path for document in DOCUMENTS for path in _repo_paths(document)}
    assert {"marketplace/site/page_cache.py", "ideas/services/votes.py"} <= found
    assert not _exists("marketplace/no_such_module.py")
    assert not _exists("marketplace/formats/<lang>/formats.py")


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_repository_path_in_backticks_exists(document):
    missing = sorted({path for path in _repo_paths(document) if not _exists(path)})
    assert not missing, f"{document.relative_to(ROOT)} names missing paths: {missing}"


def _top_level_names(module: Path) -> set[str]:
    names = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def _resolves(dotted: str) -> bool:
    """`app.module[.name…]`: the longest prefix that is a module exists, and the first name
    after it is defined (or imported) at that module's top level, or is a module below it."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:end])
        for module in (base.with_suffix(".py"), base / "__init__.py"):
            if module.is_file():
                rest = parts[end:]
                return not rest or rest[0] in _top_level_names(module)
    return False


DOTTED = re.compile(r"^(?:" + "|".join(APPS) + r")(?:\.\w+)+")


def _dotted_names(document: Path):
    """Dotted names of Tori's modules in backticks, without a call's arguments. A model label
    (`cms.ChallengePage`) or a migration (`cms.0004_…`) is not a module path."""
    for span in _ticked(document):
        match = DOTTED.match(span)
        if match is None or "/" in span:
            continue
        dotted = match.group(0)
        if re.fullmatch(r"\w+\.[A-Z0-9]\w*", dotted):
            continue
        yield dotted


def test_the_dotted_name_pattern_finds_names():
    found = {name for document in DOCUMENTS for name in _dotted_names(document)}
    assert "ideas.signals.vote_count_changed" in found
    assert _resolves("marketplace.services.pilots.pilot_advance")
    assert not _resolves("marketplace.services.pilot_advance")


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_module_named_in_backticks_exists(document):
    missing = sorted({name for name in _dotted_names(document) if not _resolves(name)})
    assert not missing, f"{document.relative_to(ROOT)} names missing modules: {missing}"


def test_the_architecture_map_names_every_app_and_every_part_of_the_marketplace():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    parts = [*APPS, "marketplace/api", "marketplace/management", "marketplace/site"]
    unnamed = [part for part in parts if f"`{part}/`" not in text]
    assert not unnamed, f"docs/architecture.md does not name {unnamed}"


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
