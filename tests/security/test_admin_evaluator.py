"""What an evaluator reaches in the Wagtail admin.

Evaluators (the Wagtail group "Evaluators") may sign in to the admin, but they evaluate on the
public site's workspace: in the admin they reach their dashboard and account only. The walk
below requests EVERY admin URL pattern as an assigned evaluator — ids of an unpublished
challenge, its revision, its workflow state and task filled in, and query strings such as
`?id=<pk>` and `?q=<a word of its title>` — and no answer may show that challenge's title or
fail with a server error.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import TaskState

from cms.workflows import challenge_workflow
from tests.factories.cms import make_challenge
from tests.factories.reviews import make_evaluator, make_staff

pytestmark = pytest.mark.django_db

SECRET = "Quillwort"  # the word searched for (a search box may echo it)
HIDDEN = "Unannounced"  # a word of the title never sent, so it shows only with the title
TITLE = f"{HIDDEN} {SECRET} challenge"


def admin_patterns():
    """Every URL pattern under /admin/: (namespaced name or None, full pattern text, pattern)."""
    found = []

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                walk(entry, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else None
                found.append((name, prefix + str(entry.pattern), entry.pattern))

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "admin/":
            walk(entry, "admin/", "")
    return found


@pytest.fixture
def secret():
    """An unpublished challenge (a draft), submitted to the approval workflow and locked."""
    editor = make_staff()
    page = make_challenge(phase="proposals", title=TITLE, publish=False)
    revision = page.latest_revision
    workflow_state = challenge_workflow().start(page, editor)
    page.locked = True
    page.locked_by = editor
    page.save(update_fields=["locked", "locked_by"])
    page.refresh_from_db()
    assert not page.live and page.title == TITLE
    return {
        "page": page,
        "revision": revision,
        "workflow_state": workflow_state,
        "task_state": TaskState.objects.get(workflow_state=workflow_state),
    }


def value_for(name: str, secret) -> str:
    """The value of one URL parameter: the unpublished page's own ids wherever they fit."""
    page = secret["page"]
    if name.startswith("revision_id"):
        return str(secret["revision"].pk)
    if name == "workflow_state_id":
        return str(secret["workflow_state"].pk)
    if name == "task_state_id":
        return str(secret["task_state"].pk)
    if name == "task_id":
        return str(secret["task_state"].task_id)
    if name in ("app_label", "app_name", "content_type_app_name"):
        return "cms"
    if name in ("model_name", "content_type_model_name"):
        return "challengepage"
    if name == "action_name":
        return "approve"
    if name == "filter_spec":
        return "original"
    if name in ("uidb64", "token"):
        return "x"
    return str(page.pk)


def urls_to_walk(secret) -> list[str]:
    page = secret["page"]
    urls = []
    for name, text, pattern in admin_patterns():
        if name == "wagtail_bulk_action":
            # Every bulk action of every model (pages, images, documents, users, snippets).
            bulk_action_registry._scan_for_bulk_actions()
            for app_label, models in bulk_action_registry.actions.items():
                for model_name, actions in models.items():
                    for action in actions:
                        urls.append(reverse(name, args=[app_label, model_name, action]))
            continue
        if name is None:
            # Unnamed patterns: Wagtail's 404 test page and its catch-all.
            literal = text.replace("^.*/$", f"{SECRET}/").replace("^", "").replace("$", "")
            urls.append("/" + literal)
            continue
        kwargs = {key: value_for(key, secret) for key in pattern.regex.groupindex}
        urls.append(reverse(name, kwargs=kwargs))
    assert any(url.startswith(f"/admin/pages/{page.pk}/") for url in urls)
    return urls


QUERIES = ("", "?id={pk}", "?q={word}", "?id={pk}&q={word}")


def test_an_evaluator_sees_no_unpublished_title_anywhere_in_the_admin(secret):
    page = secret["page"]
    evaluator = make_evaluator(make_challenge(phase="evaluation", title="Evaluated challenge"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    client.force_login(evaluator)
    urls = urls_to_walk(secret)
    assert len(urls) > 300  # every pattern, every bulk action
    failures = []
    for url in urls:
        for query in QUERIES:
            full = url + query.format(pk=page.pk, word=SECRET)
            response = client.get(full)
            if response.status_code >= 500:
                failures.append(f"{full}: {response.status_code}")
            elif HIDDEN.encode() in response.content:
                failures.append(f"{full}: shows the unpublished title")
    assert not failures, "\n".join(failures)


def test_the_walk_would_see_the_title_where_staff_may(secret, client):
    """The same requests as staff show the title, so the walk looks where it leaked."""
    page = secret["page"]
    client.force_login(make_staff())
    for url in (
        f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}",
        f"/admin/choose-page/search/?q={SECRET}",
        f"/admin/pages/{page.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert TITLE in response.content.decode(), url


def test_an_evaluator_keeps_the_dashboard_and_account(client):
    evaluator = make_evaluator(make_challenge(phase="evaluation"))
    client.force_login(evaluator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_account")).status_code == 200


def test_an_evaluator_is_sent_back_to_the_dashboard_with_a_message(client, secret):
    client.force_login(make_evaluator())
    response = client.get(f"/admin/choose-page/search/?q={SECRET}", follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "permission" in response.content.decode()
    assert HIDDEN not in response.content.decode()


def test_an_evaluator_who_is_also_staff_has_the_staff_admin(client, secret):
    user = make_staff()
    user.groups.add(*make_evaluator().groups.all())
    client.force_login(user)
    response = client.get(f"/admin/pages/{secret['page'].pk}/edit/")
    assert response.status_code == 200
