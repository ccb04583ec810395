import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_home_page_has_no_wcag_violations(tab, axe_violations, lang):
    tab.goto(f"/{lang}/")
    assert tab.locator("html").get_attribute("lang") == lang
    assert axe_violations(tab) == []


def test_skip_link_moves_focus_to_main_content(tab):
    tab.goto("/en/")
    tab.keyboard.press("Tab")
    skip = tab.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    tab.keyboard.press("Enter")
    assert tab.url.endswith("#main")
