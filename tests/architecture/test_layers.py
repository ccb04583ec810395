"""The architecture as tests: the import contracts hold, modules stay readable, and no import
inside a function steps around the layers."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("partners", "cms", "ideas", "marketplace", "search")
MAX_LINES = 400
# Long by nature: the demo's content in three languages.
LONG_ALLOWED = {
    "cms/demo.py",
    "ideas/demo/content.py",
    "marketplace/demo/content.py",
    "partners/demo.py",
}


def app_modules(*apps):
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_import_contracts_are_kept():
    """The lifecycle layering in pyproject.toml ([tool.importlinter]), as `make lint` runs it."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "path", list(app_modules(*APPS)), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_no_module_is_over_400_lines(path):
    relative = path.relative_to(ROOT).as_posix()
    if relative in LONG_ALLOWED:
        pytest.skip("demo content")
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{relative} has {lines} lines; split it by concern"


def _imported_app(node) -> str | None:
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return node.module.split(".")[0]
    if isinstance(node, ast.Import):
        return node.names[0].name.split(".")[0]
    return None


def test_no_import_of_another_app_hides_inside_a_function():
    """An import of another Tori app belongs at the top of the module, where the contracts
    and the reader see it. Only an app's ready() connects signals from inside a function."""
    found = []
    for path in app_modules(*APPS):
        own_app = path.relative_to(ROOT).parts[0]
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if path.name == "apps.py" and function.name == "ready":
                continue
            for node in ast.walk(function):
                app = _imported_app(node)
                if app in APPS and app != own_app:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {app}")
    assert not found, "\n".join(found)


def test_no_module_borrows_a_private_name_from_another_views_module():
    """What views share is public and has one home (ideas.views.lookups): a view never
    imports another module's underscored helper."""
    found = []
    for path in app_modules(*APPS):
        if "views" not in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level:
                private = [alias.name for alias in node.names if alias.name.startswith("_")]
                if private:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {private}")
    assert not found, "\n".join(found)
