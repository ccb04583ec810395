"""Site branding: one WCAG contrast function, a main colour refused when white text on it (or
links in it on white) would be hard to read, and the per-site stylesheet that applies it."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from cms.colours import contrast_ratio, mix, relative_luminance
from cms.models import SiteBranding
from tests.factories.partners import UserFactory


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.0),
    ],
)
def test_contrast_ratio_matches_wcag(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(expected, abs=0.01)


def test_relative_luminance_and_mix():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    with pytest.raises(ValueError, match="rrggbb"):
        relative_luminance("teal")


@pytest.mark.django_db
def test_a_dark_enough_colour_is_accepted():
    branding = SiteBranding(site=Site.objects.get(is_default_site=True), main_colour="#0000bf")
    branding.full_clean()


@pytest.mark.django_db
def test_a_too_light_colour_is_refused_next_to_the_field_in_the_admin(client):
    site = Site.objects.get(is_default_site=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/settings/cms/sitebranding/{site.pk}/"
    assert client.get(url).status_code == 200

    response = client.post(url, {"main_colour": "#ffcc00", "logo_alt": ""})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["main_colour"]
    assert "too light" in errors["main_colour"][0]
    assert "4.5:1" in errors["main_colour"][0]
    assert "too light" in response.content.decode()
    assert not SiteBranding.objects.filter(site=site, main_colour="#ffcc00").exists()


@pytest.mark.django_db
def test_a_logo_needs_a_text_alternative():
    image = Image.objects.create(title="Logo", file=get_test_image_file())
    branding = SiteBranding(site=Site.objects.get(is_default_site=True), logo=image)
    with pytest.raises(ValidationError) as refused:
        branding.full_clean()
    assert "logo_alt" in refused.value.message_dict


@pytest.mark.django_db
def test_a_site_colour_reaches_pages_through_a_cached_stylesheet(client):
    site = Site.objects.get(is_default_site=True)
    assert "/branding.css" not in client.get("/en/").content.decode()

    SiteBranding.objects.update_or_create(site=site, defaults={"main_colour": "#5a2d82"})
    html = client.get("/en/").content.decode()
    href = html[html.index('href="/branding.css?v=') + 6 :].split('"', 1)[0]

    response = client.get(href)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--brand: #5a2d82;" in response.content.decode()
    assert "immutable" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_site_logo_replaces_tori_s_with_its_text_alternative(client):
    image = Image.objects.create(title="Logo", file=get_test_image_file())
    SiteBranding.objects.create(
        site=Site.objects.get(is_default_site=True), logo=image, logo_alt="Espoon kaupunginmuseo"
    )
    html = client.get("/fi/").content.decode()
    brand = html[
        html.index('<a class="brand"') : html.index("</a>", html.index('<a class="brand"'))
    ]
    assert 'alt="Espoon kaupunginmuseo"' in brand
    assert "<img" in brand and 'class="brand-logo"' in brand


@pytest.mark.django_db
def test_showing_a_page_does_not_create_the_setting(client):
    client.get("/en/")
    assert not SiteBranding.objects.exists()
