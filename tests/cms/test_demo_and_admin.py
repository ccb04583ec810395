"""The cms demo content (idempotent) and the snippet admin."""

import io

import pytest
from wagtail.models import Locale, Page

from cms import demo
from cms.models import ChallengeIndexPage, ChallengePage, CustomerGroup, StandardPage, Theme
from cms.phases import Phase
from cms.workflows import challenge_workflow
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, translate_snippet
from tests.factories.partners import UserFactory


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "groups": sorted(CustomerGroup.objects.values_list("pk", "name")),
        "themes": sorted(Theme.objects.values_list("pk", "name")),
    }


@pytest.mark.django_db
def test_seed_builds_the_museum_demo_and_is_idempotent(client):
    demo.seed(stdout=io.StringIO())
    first = _snapshot()
    demo.seed(stdout=io.StringIO())
    assert _snapshot() == first

    originals = ChallengePage.objects.live().filter(locale__language_code="fi")
    assert originals.count() >= 6
    assert {page.phase for page in originals} == set(Phase.values)
    for page in originals:
        assert page.criteria.count() >= 1
        assert page.customer_groups.exists() and page.themes.exists()
        for language in ("sv", "en"):
            translation = page.get_translation_or_none(Locale.objects.get(language_code=language))
            assert translation is not None and translation.live
            assert translation.title != page.title or language == "en"

    for language in ("fi", "sv", "en"):
        assert CustomerGroup.objects.filter(locale__language_code=language).count() == 7
        assert Theme.objects.filter(locale__language_code=language).count() == 5
        assert (
            StandardPage.objects.live()
            .filter(locale__language_code=language, show_in_footer=True)
            .count()
            == 2
        )
        index = ChallengeIndexPage.objects.live().get(locale__language_code=language)
        assert index.get_workflow() == challenge_workflow()
        response = client.get(index.get_url())
        assert response.status_code == 200
        assert len(response.context["challenges"]) == originals.count()

    statement = StandardPage.objects.get(locale__language_code="en", slug="accessibility-statement")
    text = str(statement.body)
    assert "306/2019" in text and "Traficom" in text
    footer = client.get("/sv/").content.decode()
    assert "Tillgänglighetsutlåtande" in footer


@pytest.mark.django_db
def test_snippets_are_translatable_in_the_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    group = CustomerGroupFactory(name="Ikääntyneet", slug="seniors")
    translate_snippet(group, "sv", name="Äldre")
    response = client.get("/admin/snippets/cms/customergroup/")
    assert response.status_code == 200
    assert "Ikääntyneet" in response.content.decode()
    response = client.get("/admin/snippets/cms/customergroup/?locale=sv")
    assert "Äldre" in response.content.decode()
    assert client.get("/admin/snippets/cms/theme/").status_code == 200
    # wagtail-localize offers "Translate" for snippets and pages
    response = client.get(f"/admin/localize/submit/snippet/cms/customergroup/{group.pk}/")
    assert response.status_code == 200
    theme = ThemeFactory(name="Oppiminen")
    response = client.post(
        f"/admin/localize/submit/snippet/cms/theme/{theme.pk}/",
        {"locales": [Locale.objects.get(language_code="en").pk]},
    )
    assert response.status_code == 302
    assert Theme.objects.filter(
        locale__language_code="en", translation_key=theme.translation_key
    ).exists()


@pytest.mark.django_db
def test_a_challenge_index_created_in_the_admin_gets_the_workflow(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    home = Page.objects.get(depth=2, locale__language_code="fi")
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    response = client.post(
        f"/admin/pages/add/cms/challengeindexpage/{home.pk}/",
        nested_form_data(
            {
                "title": "Haasteet",
                "slug": "haasteet-2",
                "intro": rich_text(""),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 302
    index = ChallengeIndexPage.objects.get(slug="haasteet-2")
    assert index.get_workflow() == challenge_workflow()
