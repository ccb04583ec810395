"""`make screenshots`: full-page pictures of every kind of public page, in Finnish, Swedish and
English, at 1280 and 390 pixels wide, in var/screenshots/<language>-<width>-<page>.png.

The demo is seeded into a fresh SQLite database in a temporary directory (TORI_VAR_DIR, so the
database, media and private files never touch var/), `runserver` serves it with DEBUG=1 on a
free port, and Playwright drives Debian's Chromium (/usr/bin/chromium, or TORI_CHROMIUM)
headless. Pages for a signed-in partner (the proposal form, My proposals) use the demo account
partner@tori.example. `pages()` lists what is taken; tests/test_screenshots.py checks that
every page on it answers.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("TORI_CHROMIUM", "/usr/bin/chromium")
LANGUAGES = ("fi", "sv", "en")
WIDTHS = {1280: 900, 390: 844}  # width: viewport height
PARTNER = "partner@tori.example"


@dataclass(frozen=True)
class Shot:
    name: str  # the file's last part: fi-1280-<name>.png
    path: str
    signed_in: bool = False  # as the demo partner
    status: int = 200


def log(message: str) -> None:
    sys.stdout.write(f"[screenshots {time.strftime('%H:%M:%S', time.gmtime())}] {message}\n")
    sys.stdout.flush()


# --- the pages (Django set up, the demo seeded) -------------------------------------------


def _page_url(page, language: str) -> str:
    """The page's address in `language`, as the language switcher links it."""
    from django.test import RequestFactory

    from marketplace.site.languages import page_language_urls

    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")
    return page_language_urls(request, page)[language].url


def _in(language: str, view: str, *args) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(view, args=args)


def _object_url(language: str, obj) -> str:
    from django.utils import translation

    with translation.override(language):
        return obj.get_absolute_url()


def pages(language: str) -> list[Shot]:
    """Every kind of public page of the seeded demo, in `language`."""
    from django.utils import translation

    from cms.models import ChallengeIndexPage, ChallengePage, HomePage, StandardPage
    from ideas.models import Proposal
    from marketplace.models import Offering, Pilot
    from partners.models import Organisation

    fi = {"locale__language_code": "fi"}
    home = HomePage.objects.live().get(**fi)
    index = ChallengeIndexPage.objects.live().filter(**fi).first()
    challenges = {}
    for challenge in ChallengePage.objects.live().filter(**fi).order_by("path"):
        challenges.setdefault(challenge.phase, challenge)
    statement = StandardPage.objects.live().filter(accessibility_feedback=True, **fi).first()
    proposal = Proposal.objects.public().order_by("pk").first()
    pilot = Pilot.objects.filter(published=True).order_by("pk").first()
    offering = Offering.objects.filter(published=True).order_by("pk").first()
    referenced = (
        Offering.objects.filter(
            published=True, pilot__published=True, pilot__procurement__isnull=False
        )
        .order_by("pk")
        .first()
    )
    organisation = Organisation.objects.order_by("name").first()
    with translation.override(language):
        search_word = offering.text("title").split()[0]

    shots = [
        Shot("home", _page_url(home, language)),
        Shot("challenges", _page_url(index, language)),
        *(
            Shot(f"challenge-{phase}", _page_url(page, language))
            for phase, page in challenges.items()
        ),
        Shot("proposal", _object_url(language, proposal)),
    ]
    if "proposals" in challenges:
        start = _in(language, "ideas:proposal-start", challenges["proposals"].pk)
        shots.append(Shot("proposal-form", start, signed_in=True))
    shots += [
        Shot("my-proposals", _in(language, "ideas:my-proposals"), signed_in=True),
        Shot("pilots", _in(language, "marketplace:pilot-list")),
        Shot("pilot", _object_url(language, pilot)),
        Shot("offerings", _in(language, "marketplace:offering-list")),
        Shot("offering", _object_url(language, offering)),
        Shot("organisations", _in(language, "partners:organisation-list")),
        Shot("organisation", _object_url(language, organisation)),
        Shot("catalogue", f"{_in(language, 'search:catalogue')}?q={search_word}"),
        Shot("error-404", f"/{language}/no-such-page/", status=404),
        Shot("sign-in", _in(language, "partners:login")),
    ]
    if referenced is not None:
        reference = _in(language, "marketplace:offering-reference", referenced.slug)
        shots.append(Shot("offering-reference", reference))
    if statement is not None:
        shots.append(Shot("accessibility", _page_url(statement, language)))
    return shots


def partner_session() -> str:
    """A database session for the demo partner (the sign-in form is not what is pictured)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from partners.models import User

    user = User.objects.get(email=PARTNER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


# --- the run ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(var_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="1",
        TORI_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'screenshots.sqlite3'}",
        MEDIA_ROOT=str(var_dir / "media"),
        DJANGO_SETTINGS_MODULE="marketplace.site.settings.dev",
    )
    return env


def _manage(env: dict, *args: str, **kwargs):
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit code {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 - our own local server
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def capture(base_url: str, shots: dict[str, list[Shot]], session_key: str) -> int:
    """Take every picture; the number of pages that did not answer as expected."""
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    OUT.mkdir(parents=True, exist_ok=True)
    total = sum(len(items) for items in shots.values()) * len(WIDTHS)
    done, problems = 0, 0
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": base_url}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for language, items in shots.items():
            for width, height in WIDTHS.items():
                contexts = {}
                for signed_in in (False, True):
                    contexts[signed_in] = browser.new_context(
                        base_url=base_url,
                        viewport={"width": width, "height": height},
                        locale={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[language],
                    )
                contexts[True].add_cookies([cookie])
                for shot in items:
                    done += 1
                    tab = contexts[shot.signed_in].new_page()
                    response = tab.goto(shot.path, wait_until="networkidle")
                    status = response.status if response else 0
                    _load_lazy_images(tab)
                    target = OUT / f"{language}-{width}-{shot.name}.png"
                    tab.screenshot(path=str(target), full_page=True)
                    tab.close()
                    flag = "" if status == shot.status else f"  (answered {status})"
                    problems += bool(flag)
                    log(f"[{done}/{total}] {target.relative_to(ROOT)} {shot.path}{flag}")
                for context in contexts.values():
                    context.close()
        browser.close()
    return problems


def _load_lazy_images(tab) -> None:
    """A full-page screenshot does not scroll, so lazily loaded images below the first screen
    would be missing: load them all, and wait until every image has arrived."""
    tab.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
    )
    tab.wait_for_function("() => Array.from(document.images).every(i => i.complete)")


def main() -> int:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        raise SystemExit(f"Chromium not found at {CHROMIUM}: install Debian's chromium")
    var_dir = Path(tempfile.mkdtemp(prefix="tori-screenshots-"))
    env = _environment(var_dir)
    server = None
    try:
        log(f"a fresh database in {var_dir}: migrating")
        _manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
        log("seeding the demo")
        _manage(env, "seed_demo", stdout=subprocess.DEVNULL)
        os.environ.update(env)
        import django

        django.setup()
        shots = {language: pages(language) for language in LANGUAGES}
        session_key = partner_session()
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        log(f"serving on {base_url}")
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(f"{base_url}/fi/", server)
        # Playwright's sync API runs an event loop in this thread; the ORM is done by now.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        problems = capture(base_url, shots, session_key)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(var_dir, ignore_errors=True)
    log(
        f"done: {OUT.relative_to(ROOT)}"
        + (f", {problems} pages answered wrongly" if problems else "")
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
