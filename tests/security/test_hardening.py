"""Security hardening: CSP, rate limits, uploads."""

from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ideas.models import ProposalAttachment, TeamInvitation
from partners.models import Membership, OrganisationInvitation
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory
from tests.services import need_redis

from .matrix_data import PNG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """URLs (and so messages) in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


LOGIN_LIMIT_MESSAGE = "Too many attempts. Please wait a minute and try again."
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


# --- Content-Security-Policy ------------------------------------------------------------------


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline = []
        self.handlers = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            # JSON and JSON-LD are data blocks: the browser never runs them.
            if "src" not in attrs and attrs.get("type") not in (
                "application/json",
                "application/ld+json",
            ):
                self.inline.append(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))


def _script_src(policy: str) -> str:
    for directive in policy.split(";"):
        directive = directive.strip()
        if directive.startswith("script-src"):
            return directive
    return ""


def test_public_pages_have_a_strict_script_policy_and_no_inline_script(client):
    import io

    from cms import demo as cms_demo

    cms_demo.seed(stdout=io.StringIO())
    challenge = make_challenge(phase="voting", title="CSP challenge")
    proposal = ProposalFactory(challenge=challenge)
    urls = [
        "/en/",
        challenge.url,
        proposal.get_absolute_url(),
        reverse("marketplace:pilot-list"),
        reverse("marketplace:offering-list"),
        reverse("search:catalogue"),
        reverse("partners:login"),
        reverse("partners:register"),
        reverse("partners:organisation-list"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        script_src = _script_src(response["Content-Security-Policy"])
        assert script_src == "script-src 'self'", (url, script_src)
        parser = _InlineScripts()
        parser.feed(response.content.decode())
        assert not parser.inline, (url, parser.inline)
        assert not parser.handlers, (url, parser.handlers)


def test_admin_policy_is_relaxed_only_for_the_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in _script_src(policy)  # Wagtail's admin needs its inline scripts
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    public = client.get(reverse("marketplace:pilot-list"))["Content-Security-Policy"]
    assert "unsafe-inline" not in _script_src(public)
    assert "unsafe-eval" not in public


@pytest.mark.parametrize("url", ["/admin/", "/admin/account/", "/admin/users/"])
def test_admin_avatars_are_never_fetched_from_gravatar(client, url):
    """Staff avatars are not looked up at Gravatar: that would send a hash of each address."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True, email="staff@tori.example"))
    UserFactory(email="someone@tori.example")  # listed on the users page
    response = client.get(url)
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()


def test_production_sends_hsts_and_secure_cookies():
    """The production settings module (check --deploy is run in tests/marketplace/site)."""
    import subprocess
    import sys

    code = (
        "import django; from django.conf import settings as s; django.setup();"
        "print(s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY, s.SECURE_CONTENT_TYPE_NOSNIFF)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "marketplace.site.settings.production",
        "SECRET_KEY": "x" * 60 + "-not-a-real-secret-but-long-and-random-enough-1234",
        "ALLOWED_HOSTS": "tori.example.fi",
        "DATABASE_URL": "sqlite:///tmp/none.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(django_settings.BASE_DIR),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6


# --- Rate limits -------------------------------------------------------------------------------


def _login(client, email, password="wrong", ip="10.0.0.1"):  # noqa: S107
    return client.post(
        reverse("partners:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_default_login_rate_is_five_failures_a_minute():
    assert django_settings.TORI_LOGIN_RATE == "5/m"


def test_five_failed_logins_a_minute_per_account(client):
    UserFactory(email="target@example.org")
    for n in range(5):
        # Different addresses each time: only the account's budget is spent.
        assert _login(client, "target@example.org", ip=f"10.0.1.{n}").status_code == 200
    response = _login(client, "TARGET@example.org", password="pass-word-123", ip="10.0.2.1")
    assert response.status_code == 429
    assert LOGIN_LIMIT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_a_minute_per_address(client):
    UserFactory(email="innocent@example.org")
    for n in range(5):
        assert _login(client, f"guess{n}@example.org", ip="10.9.9.9").status_code == 200
    response = _login(client, "innocent@example.org", password="pass-word-123", ip="10.9.9.9")
    assert response.status_code == 429
    assert LOGIN_LIMIT_MESSAGE in response.content.decode()
    # Another address may still sign in to that account.
    assert _login(client, "innocent@example.org", "pass-word-123", ip="10.8.8.8").status_code == 302


def test_successful_logins_do_not_count(client):
    UserFactory(email="often@example.org")
    for _ in range(7):
        assert _login(client, "often@example.org", "pass-word-123").status_code == 302
        client.logout()


def test_a_refused_attempt_spends_no_other_budget(client):
    """Refused because the address's budget is spent, an attempt checks no password and so
    costs the account nothing: its owner elsewhere still has all five tries."""
    UserFactory(email="innocent@example.org")
    for n in range(5):
        _login(client, f"guess{n}@example.org", ip="10.9.9.9")
    for _ in range(10):
        assert _login(client, "innocent@example.org", ip="10.9.9.9").status_code == 429
    for _ in range(5):
        assert _login(client, "innocent@example.org", ip="10.8.8.8").status_code == 200
    assert _login(client, "innocent@example.org", ip="10.8.8.8").status_code == 429


def test_many_people_behind_one_address_may_sign_in(client):
    """A library's or a school's shared address: successful sign-ins spend nobody's budget."""
    for n in range(8):
        UserFactory(email=f"pupil{n}@example.org")
        assert _login(client, f"pupil{n}@example.org", "pass-word-123").status_code == 302
        client.logout()
    assert _login(client, "pupil0@example.org").status_code == 200  # a typo is still a form error


def _redis_cache(prefix):
    need_redis()
    return {
        "BACKEND": "marketplace.site.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": prefix,
        "TIMEOUT": 120,
    }


def _count_password_checks(monkeypatch):
    """Count the backend's password checks; each waits a little, as a real hash does, so
    parallel requests overlap."""
    import threading
    import time

    from django.contrib.auth.backends import ModelBackend

    checks = []
    lock = threading.Lock()
    authenticate = ModelBackend.authenticate

    def counted(self, request, username=None, password=None, **kwargs):
        with lock:
            checks.append(username)
        time.sleep(0.05)
        return authenticate(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counted)
    return checks


# serialized_rollback keeps Wagtail's locales, root page and site, which the flush would delete.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("backend", ["local memory", "Redis"])
@pytest.mark.parametrize("budget", ["account", "address"])
def test_parallel_wrong_passwords_get_at_most_five_checks(monkeypatch, settings, budget, backend):
    """20 wrong passwords at once, for one account from many addresses or for many accounts
    from one address: the budget is taken before the password is checked, so only 5 are.
    Both with the tests' cache and with production's Redis (skipped when none answers)."""
    import secrets
    import threading
    import time

    from django.db import connection
    from django.test import Client

    if backend == "Redis":
        redis = _redis_cache(f"tori-test-{secrets.token_hex(4)}")
        settings.CACHES = {**settings.CACHES, "default": redis, "ratelimit": redis}
    UserFactory(email="target@example.org")
    # One window for all 20 (the budget is per minute; a run across a minute's end gets two).
    now = time.time()
    monkeypatch.setattr("partners.login_budget.clock", lambda: now)
    checks = _count_password_checks(monkeypatch)
    barrier = threading.Barrier(20)
    statuses = []

    def attempt(n):
        try:
            email = "target@example.org" if budget == "account" else f"guess{n}@example.org"
            ip = f"10.0.3.{n}" if budget == "account" else "10.0.4.4"
            browser = Client(HTTP_ACCEPT_LANGUAGE="en")
            barrier.wait()
            statuses.append(_login(browser, email, ip=ip).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 20
    assert len(checks) <= 5, checks
    assert sorted(statuses) == [200] * len(checks) + [429] * (20 - len(checks))
    if backend == "Redis":  # the counters were Redis's; remove them
        from django.core.cache import cache

        client = cache.client.get_client(write=True)
        keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
        assert keys
        client.delete(*keys)


def test_registration_and_password_reset_limits_have_a_clear_message(client, settings):
    settings.TORI_REGISTER_RATE = "1/h"
    settings.TORI_PASSWORD_RESET_RATE = "1/m"
    data = {"email": "new@example.org"}
    client.post(reverse("partners:register"), data)
    response = client.post(reverse("partners:register"), {"email": "new2@example.org"})
    assert response.status_code == 429
    assert LOGIN_LIMIT_MESSAGE in response.content.decode()
    client.post(reverse("partners:password-reset"), {"email": "x@example.org"})
    response = client.post(reverse("partners:password-reset"), {"email": "x@example.org"})
    assert response.status_code == 429
    assert LOGIN_LIMIT_MESSAGE in response.content.decode()


def test_invitations_are_rate_limited_across_organisations_and_teams(client, settings):
    settings.TORI_INVITATION_RATE = "2/m"
    owner = UserFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=owner, role=Membership.Role.OWNER)
    proposal = ProposalFactory(
        challenge=make_challenge(phase="proposals"), lead_organisation=organisation, status="draft"
    )
    client.force_login(owner)
    members = reverse("partners:organisation-members", kwargs={"slug": organisation.slug})
    for n in range(2):
        response = client.post(members, {"email": f"m{n}@example.org", "role": "member"})
        assert response.status_code == 302
    response = client.post(members, {"email": "m3@example.org", "role": "member"})
    assert response.status_code == 429
    assert "too many invitations" in response.content.decode()
    assert OrganisationInvitation.objects.filter(organisation=organisation).count() == 2
    # The team invitations share the budget.
    team = reverse("ideas:proposal-team", kwargs={"pk": proposal.pk})
    response = client.post(team, {"kind": "person", "email": "co@example.org"})
    assert response.status_code == 429
    assert "too many invitations" in response.content.decode()
    assert not TeamInvitation.objects.filter(proposal=proposal).exists()


def test_default_invitation_rate():
    assert django_settings.TORI_INVITATION_RATE == "20/h"


# --- Uploads -----------------------------------------------------------------------------------


def _draft_with_lead():
    user = UserFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.OWNER)
    proposal = ProposalFactory(
        challenge=make_challenge(phase="proposals"),
        lead_organisation=organisation,
        created_by=user,
        status="draft",
    )
    return user, proposal


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("drawing.svg", SVG, "image/svg+xml"),
        ("drawing.png", SVG, "image/png"),  # an SVG under a PNG name
        ("page.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ],
)
def test_attachments_are_checked_by_content_and_svg_is_refused(client, name, content, content_type):
    user, proposal = _draft_with_lead()
    client.force_login(user)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    url = reverse("ideas:attachment-upload", kwargs={"pk": proposal.pk})
    response = client.post(url, {"file": upload}, follow=True)
    assert response.status_code == 200
    assert not ProposalAttachment.objects.filter(proposal=proposal).exists()


def test_attachments_are_served_as_downloads_never_inline(client):
    user, proposal = _draft_with_lead()
    client.force_login(user)
    url = reverse("ideas:attachment-upload", kwargs={"pk": proposal.pk})
    client.post(url, {"file": SimpleUploadedFile("plan.png", PNG, content_type="image/png")})
    attachment = ProposalAttachment.objects.get(proposal=proposal)
    response = client.get(
        reverse(
            "ideas:attachment-download",
            kwargs={"pk": proposal.pk, "attachment_pk": attachment.pk},
        )
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"


def test_wagtail_documents_download_never_inline(client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    for name, body in (("notice.pdf", b"%PDF-1.4 test"), ("notes.txt", b"<script>x</script>")):
        document = Document.objects.create(title=name, file=ContentFile(body, name=name))
        response = client.get(document.url)
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith("attachment"), name
        assert "default-src 'none'" in response.get("Content-Security-Policy", ""), name
        assert response["X-Content-Type-Options"] == "nosniff", name
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_wagtail_refuses_svg_images_and_documents():
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert "svg" not in django_settings.WAGTAILDOCS_EXTENSIONS
    image_form = get_image_form(get_image_model())(
        data={"title": "Logo"},
        files={"file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")},
        user=UserFactory(is_superuser=True, is_staff=True),
    )
    assert not image_form.is_valid()
    assert "file" in image_form.errors
    document_form = get_document_form(get_document_model())(
        data={"title": "Logo"},
        files={"file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")},
        user=UserFactory(is_superuser=True, is_staff=True),
    )
    assert not document_form.is_valid()
    assert "file" in document_form.errors
