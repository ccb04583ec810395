"""Staff translate challenges and snippets side by side in the admin (wagtail-localize).

An editor opens the translation editor from the original, translates its text segment by
segment, and a moderator publishes the translation. Dates, budget, settings, criteria, customer
groups and themes are copied from the original, never translated.
"""

import html
import json
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import resolve, reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cms.models import ChallengePage, CustomerGroup, HomePage
from cms.wagtail_hooks import SyncTranslationsView
from tests.factories.cms import (
    CustomerGroupFactory,
    ThemeFactory,
    challenge_index,
    make_challenge,
    publish_translation,
)
from tests.factories.partners import UserFactory
from tests.factories.reviews import make_evaluator, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def sv():
    return Locale.objects.get(language_code="sv")


@pytest.fixture
def swedish_tree(sv):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    return publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")


@pytest.fixture
def moderator():
    return UserFactory(groups=["Moderators"], is_staff=True)


@pytest.fixture
def original(swedish_tree):
    seniors = CustomerGroupFactory(name="Ikääntyneet", slug="seniors")
    learning = ThemeFactory(name="Oppiminen", slug="learning")
    return make_challenge(
        title="Perheviikonloput",
        summary="Koko päivä museossa",
        customer_groups=[seniors],
        themes=[learning],
        budget_eur=20000,
        pilot_length_weeks=6,
    )


def editor_props(response) -> dict:
    """The props of the side-by-side editor (the source text of each segment, the perms)."""
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    match = re.search(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    return json.loads(html.unescape(match.group(1)))


def segments(props) -> dict:
    return {s["contentPath"]: s for s in props["segments"] if s["type"] == "string"}


def save_segment(client, props, path, value):
    response = client.put(
        segments(props)[path]["editUrl"],
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


def submit_page(client, page, locale):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302
    target = page.get_translation(locale)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[target.pk])
    return target


def publish_in_editor(client, target, callbacks):
    """The editor's "Publish in Svenska" button (the page is published when the request's
    transaction commits)."""
    with callbacks(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}
        )


def test_an_editor_translates_a_challenge_side_by_side_and_a_moderator_publishes_it(
    client, sv, original, moderator, django_capture_on_commit_callbacks
):
    editor = make_staff()
    client.force_login(editor)
    # The original's edit view offers "Translate this page".
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[original.pk])
    assert submit_url in client.get(f"/admin/pages/{original.pk}/edit/").content.decode()
    assert client.get(submit_url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        target = submit_page(client, original, sv)
    target = ChallengePage.objects.get(pk=target.pk)
    # A translation of a live page starts as a draft: nothing Finnish appears under /sv/.
    assert not target.live
    assert client.get("/sv/utmaningar/perheviikonloput/").context["page"].pk == original.pk

    props = editor_props(client.get(f"/admin/pages/{target.pk}/edit/"))
    texts = {path: s["source"] for path, s in segments(props).items()}
    assert texts["title"] == "Perheviikonloput"
    assert texts["summary"] == "Koko päivä museossa"
    assert "owner_unit" in texts
    # Dates, budget and taxonomy are not offered for translation.
    assert not {"budget_eur", "proposals_open", "customer_groups", "themes"} & set(texts)
    assert props["perms"]["canPublish"] is False  # editors do not publish challenges

    save_segment(client, props, "title", "Familjehelger")
    save_segment(client, props, "summary", "Hela dagen på museet")
    # The editor cannot publish it past the approval workflow.
    response = publish_in_editor(client, target, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    target.refresh_from_db()
    assert not target.live

    client.force_login(moderator)
    props = editor_props(client.get(f"/admin/pages/{target.pk}/edit/"))
    assert props["perms"]["canPublish"] is True
    response = publish_in_editor(client, target, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.live and target.title == "Familjehelger"
    assert target.summary == "Hela dagen på museet"
    assert target.budget_eur == 20000 and target.pilot_length_weeks == 6
    assert target.proposals_open == original.proposals_open
    assert list(target.customer_groups.all()) == list(original.customer_groups.all())

    client.logout()
    body = client.get(target.get_url()).content.decode()
    assert "Familjehelger" in body and "Hela dagen på museet" in body


def test_syncing_copies_the_originals_dates_budget_and_taxonomy_and_keeps_the_translation(
    client, sv, original, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    target = submit_page(client, original, sv)
    props = editor_props(client.get(f"/admin/pages/{target.pk}/edit/"))
    save_segment(client, props, "title", "Familjehelger")
    publish_in_editor(client, target, django_capture_on_commit_callbacks)

    # The original changes: a later deadline, a new budget, other groups and themes, weights.
    families = CustomerGroupFactory(name="Lapsiperheet", slug="families")
    culture = ThemeFactory(name="Kulttuuri", slug="culture")
    original = ChallengePage.objects.get(pk=original.pk)
    original.pilots_end += timedelta(days=3)
    original.budget_eur = 35000
    original.resident_vote_weight = "0.50"
    original.customer_groups = [families]
    original.themes = [culture]
    criterion = original.criteria.get(name="Impact")
    criterion.weight = 5
    original.criteria = [criterion, *original.criteria.exclude(pk=criterion.pk)]
    original.save_revision().publish()

    source = TranslationSource.objects.get(object_id=original.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert resolve(sync_url).func.view_class is SyncTranslationsView
    assert client.get(sync_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302

    target = ChallengePage.objects.get(pk=target.pk)
    assert target.live and target.title == "Familjehelger"  # the translation is kept
    assert target.pilots_end == original.pilots_end
    assert target.budget_eur == 35000
    assert str(target.resident_vote_weight) == "0.50"
    assert list(target.customer_groups.all()) == [families]
    assert list(target.themes.all()) == [culture]
    assert {c.name: c.weight for c in target.criteria.all()} == {
        c.name: c.weight for c in original.criteria.all()
    }


def test_an_editor_cannot_publish_translations_by_syncing(
    client, sv, original, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    target = submit_page(client, original, sv)
    props = editor_props(client.get(f"/admin/pages/{target.pk}/edit/"))
    save_segment(client, props, "title", "Familjehelger")
    publish_in_editor(client, target, django_capture_on_commit_callbacks)
    original = ChallengePage.objects.get(pk=original.pk)
    original.budget_eur = 1
    original.save_revision().publish()
    source = TranslationSource.objects.get(object_id=original.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])

    client.force_login(make_staff())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 200
    assert "You cannot publish these translations" in response.content.decode()
    target.refresh_from_db()
    assert target.budget_eur == 20000  # nothing was published
    # Without publishing, the sync goes through: the editor shows the original's new version.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(sync_url, {}).status_code == 302
    target.refresh_from_db()
    assert target.budget_eur == 20000


def test_an_editor_translates_a_customer_group_side_by_side(client, sv):
    group = CustomerGroupFactory(name="Ikääntyneet", slug="seniors", needs="Esteettömyys")
    client.force_login(make_staff())
    listing = client.get("/admin/snippets/cms/customergroup/").content.decode()
    submit_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["cms", "customergroup", group.pk]
    )
    assert submit_url in listing
    assert client.get(submit_url).status_code == 200
    response = client.post(submit_url, {"locales": [sv.pk]})
    target = CustomerGroup.objects.get(locale=sv, translation_key=group.translation_key)
    edit_url = reverse("wagtailsnippets_cms_customergroup:edit", args=[target.pk])
    assert response["Location"] == edit_url

    props = editor_props(client.get(edit_url))
    texts = {path: s["source"] for path, s in segments(props).items()}
    assert texts == {"name": "Ikääntyneet", "needs": "Esteettömyys"}  # no slug, no empty text
    save_segment(client, props, "name", "Äldre")
    save_segment(client, props, "needs", "Tillgänglighet")
    assert client.post(edit_url, {"action": "publish"}).status_code == 302
    target.refresh_from_db()
    assert (target.name, target.needs, target.slug) == ("Äldre", "Tillgänglighet", "seniors")


def test_editors_and_moderators_submit_translations_evaluators_do_not():
    for name in ("Editors", "Moderators"):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "submit_translation" in codenames, name
    assert make_staff().has_perm("wagtail_localize.submit_translation")
    assert not make_evaluator().has_perm("wagtail_localize.submit_translation")


def test_evaluators_reach_none_of_the_translation_views(client, sv, original, moderator):
    client.force_login(moderator)
    target = submit_page(client, original, sv)
    translation = Translation.objects.get(target_locale=sv)
    segment = translation.source.stringsegment_set.get(context__path="title")
    group = CustomerGroupFactory()
    urls = [
        reverse("wagtail_localize:submit_page_translation", args=[original.pk]),
        reverse(
            "wagtail_localize:submit_snippet_translation", args=["cms", "customergroup", group.pk]
        ),
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        reverse("wagtail_localize:download_pofile", args=[translation.pk]),
        reverse("wagtail_localize:preview_translation", args=[translation.pk]),
        reverse("wagtail_localize:stop_translation", args=[translation.pk]),
        reverse("wagtail_localize:translations_report"),
        reverse("wagtail_localize:translations_report_results"),
        reverse("wagtail_localize:snippets_api_listing", args=["cms", "customergroup"]),
        reverse("wagtail_localize:convert_to_alias", args=[target.pk]),
        reverse("wagtaillocales:index"),
        f"/admin/pages/{target.pk}/edit/",
    ]
    evaluator = make_evaluator(original)
    client.force_login(evaluator)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home"), url
        response = client.post(url, {"locales": [sv.pk], "value": "x"})
        assert response.status_code in (302, 403), url
    response = client.put(
        urls[3], urlencode({"value": "Leaked"}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (302, 403)
    assert not translation.source.stringsegment_set.filter(
        string__translations__data="Leaked"
    ).exists()
    assert not CustomerGroup.objects.filter(locale=sv).exists()
    # The reports menu does not offer the translations report to an evaluator; staff see it.
    report = reverse("wagtail_localize:translations_report")
    assert report not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_staff())
    assert report in client.get(reverse("wagtailadmin_home")).content.decode()
