"""The demo's images are drawn locally: each subject has its own calm illustration in the
site's palette, each organisation a monogram logo, saved once as Wagtail Images, and the demo's
items carry them with alt text in their own language."""

import io

import pytest
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms.models import ChallengePage
from ideas.models import Proposal
from marketplace.demo import images
from marketplace.demo.attach import attach_demo_images
from marketplace.models import Offering, Pilot
from partners.models import Organisation

PALETTE_RGB = {
    tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for colour in [*images.PALETTE.values(), images.PAPER, "#ffffff"]
}


def _open(data: bytes):
    return PILImage.open(io.BytesIO(data)).convert("RGB")


def _main_colours(picture, share=0.02):
    """The colours that cover at least `share` of the picture."""
    total = picture.width * picture.height
    return {rgb for count, rgb in picture.getcolors(maxcolors=1 << 20) if count / total >= share}


def test_an_illustration_is_a_banner_in_the_palette_and_the_same_key_draws_the_same():
    data = images.illustration("kuvahaku", motif="magnifier", accent="brand")
    picture = _open(data)
    assert picture.size == images.SIZE
    assert _main_colours(picture) <= PALETTE_RGB
    assert data == images.illustration("kuvahaku", motif="magnifier", accent="brand")


def test_every_demo_subject_has_its_own_picture():
    pictures = {
        images.illustration(key, motif=motif, accent=accent)
        for key, (motif, accent) in images.SUBJECTS.items()
    }
    assert len(pictures) == len(images.SUBJECTS)
    # The accent of the subject shows in its picture.
    coral = tuple(int(images.PALETTE["coral"][i : i + 2], 16) for i in (1, 3, 5))
    motif, accent = images.subject("kosketeltavat-kokoelmat")
    assert (motif, accent) == ("braille", "coral")
    picture = _open(images.illustration("kosketeltavat-kokoelmat", motif=motif, accent=accent))
    assert coral in _main_colours(picture, share=0.005)


@pytest.mark.parametrize("motif", sorted(images.MOTIFS))
def test_every_motif_draws_and_has_alt_text_in_three_languages(motif):
    picture = _open(images.illustration(f"any-{motif}", motif=motif, accent="moss"))
    assert len(_main_colours(picture, share=0.01)) >= 3  # more than a blank background
    texts = {language: images.alt_text(motif, language) for language in ("fi", "sv", "en")}
    assert texts["fi"].startswith("Kuvitus: ")
    assert texts["sv"].startswith("Illustration: ")
    assert len(set(texts.values())) == 3


def test_another_subject_gets_a_motif_and_accent_from_its_name():
    assert images.subject("a-challenge-of-another-city") == images.subject(
        "a-challenge-of-another-city"
    )
    motif, accent = images.subject("a-challenge-of-another-city")
    assert motif in images.MOTIFS and accent in images.PALETTE


@pytest.mark.parametrize(
    "name, letters",
    [
        ("Espoon kaupunginmuseo KAMU", "KAMU"),
        ("Museotech Oy", "M"),
        ("Aalto Museum Lab", "AM"),
        ("Espoo-seura ry", "ES"),
        ("Forskargruppen för tillgänglig kultur vid Åbo Akademi", "FT"),
    ],
)
def test_a_monogram_takes_the_organisations_initials(name, letters):
    assert images.initials(name) == letters


def test_a_logo_is_a_square_with_white_letters_on_a_palette_colour():
    picture = _open(images.monogram("Kuulokuva Oy", accent="plum"))
    assert picture.size == (images.LOGO_SIZE, images.LOGO_SIZE)
    centre_row = [picture.getpixel((x, images.LOGO_SIZE // 2)) for x in range(picture.width)]
    assert (255, 255, 255) in centre_row  # the letters
    plum = tuple(int(images.PALETTE["plum"][i : i + 2], 16) for i in (1, 3, 5))
    assert picture.getpixel((images.LOGO_SIZE // 2, 10)) == plum


@pytest.mark.django_db
def test_demo_images_are_saved_once_as_wagtail_images_in_the_demo_collection():
    image, alt = images.subject_image("tunnistustalkoot", language="sv")
    assert image.collection.name == "Demo"
    assert (image.width, image.height) == images.SIZE
    assert alt == "Illustration: överlappande fotoramar."
    assert image.description == "Illustration: overlapping photo frames."
    again, _ = images.subject_image("tunnistustalkoot", language="fi")
    assert again.pk == image.pk
    logo, logo_alt = images.logo_image("Espoo-seura ry", language="fi")
    assert logo_alt == "Espoo-seura ry – logo"
    assert (logo.width, logo.height) == (images.LOGO_SIZE, images.LOGO_SIZE)
    assert Image.objects.filter(collection__name="Demo").count() == 2


@pytest.mark.django_db
def test_the_demo_gives_every_item_an_image_with_alt_text_once(mailoutbox):
    call_command("seed_demo", stdout=io.StringIO())
    for page in ChallengePage.objects.all():
        assert page.hero_image and page.hero_image_alt
    assert not Proposal.objects.filter(cover_image__isnull=True).exists()
    assert not Offering.objects.filter(image__isnull=True).exists()
    assert not Organisation.objects.filter(logo__isnull=True).exists()
    for pilot in Pilot.objects.all():
        assert pilot.photos.count() == 1 and pilot.photos.first().alt_text
    kamu = Organisation.objects.get(name="Espoon kaupunginmuseo KAMU")
    assert kamu.logo_alt == "Espoon kaupunginmuseo KAMU – logo"
    # Each image is described in every language, not only in its item's original one.
    for item, field in [
        (Proposal.objects.filter(language="fi").first(), "cover_image_alt"),
        (Offering.objects.first(), "image_alt"),
        (kamu, "logo_alt"),
    ]:
        others = [code for code in ("fi", "sv", "en") if code != item.language]
        assert all(item.translations[code][field] for code in others), item
    assert attach_demo_images() == 0
