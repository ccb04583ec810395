"""Images everywhere: described or marked decorative (form and database), one responsive
picture (AVIF and WebP sources, width-based srcset, sizes, lazy but the hero, width and
height), each model's share image, and organisation logos uploaded by the owners."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image as PILImage

from cms.models import ChallengePage
from marketplace.forms import OfferingAdminForm, PilotPhotoAdminForm
from marketplace.models import Offering, PilotPhoto
from partners.forms import OrganisationForm
from partners.models import Membership, Organisation
from tests.factories.cms import make_challenge
from tests.factories.images import image_bytes, make_image, two_halves
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ALT_ERROR = "Describe the image, or mark it decorative."


def render(kind, image, alt="A bench by the shore"):
    return render_to_string(
        "partners/includes/picture.html", {"image": image, "alt": alt, "kind": kind}
    )


@pytest.mark.parametrize("kind", ["card", "page", "gallery", "logo", "badge"])
def test_pictures_have_avif_and_webp_sources_a_srcset_sizes_and_load_lazily(kind):
    html = render(kind, make_image(width=2000, height=1200))
    assert html.count("<source") == 2
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert ".avif 1" not in html or "w," in html
    assert "w, " in html  # at least two widths in each srcset
    assert "sizes=" in html
    assert 'loading="lazy"' in html
    assert 'width="' in html and 'height="' in html
    assert 'alt="A bench by the shore"' in html


def test_the_hero_above_the_fold_loads_at_once_and_first():
    html = render("hero", make_image(width=2000, height=1000))
    assert 'loading="lazy"' not in html
    assert 'fetchpriority="high"' in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'sizes="100vw"' in html


def test_a_decorative_image_has_an_empty_alt_not_its_title():
    html = render("card", make_image(title="IMG_2041 final"), alt="")
    assert '<img alt=""' in html
    assert 'alt="IMG' not in html


def _centre_colour(rendition):
    with rendition.file.open("rb") as handle, PILImage.open(handle) as picture:
        return picture.convert("L").getpixel((picture.width // 2, picture.height // 2))


def test_fill_crops_keep_the_focal_point():
    """A square card crop of an image black on the left and white on the right: with the
    focal point on the left it shows black, on the right white."""
    content = two_halves(800, 400)
    left = make_image(
        "left",
        content=content,
        focal_point_x=100,
        focal_point_y=200,
        focal_point_width=50,
        focal_point_height=50,
    )
    right = make_image(
        "right",
        content=content,
        focal_point_x=700,
        focal_point_y=200,
        focal_point_width=50,
        focal_point_height=50,
    )
    assert _centre_colour(left.get_rendition("fill-200x200")) < 50
    assert _centre_colour(right.get_rendition("fill-200x200")) > 200


def test_every_image_needs_alt_text_or_the_decorative_mark_in_the_database():
    image = make_image()
    challenge = make_challenge()
    offering = make_offering()
    organisation = OrganisationFactory()
    pilot = make_pilot()
    for update in (
        lambda: ChallengePage.objects.filter(pk=challenge.pk).update(hero_image=image),
        lambda: Offering.objects.filter(pk=offering.pk).update(image=image),
        lambda: Organisation.objects.filter(pk=organisation.pk).update(logo=image),
        lambda: PilotPhoto.objects.create(pilot=pilot, image=image),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            update()
    ChallengePage.objects.filter(pk=challenge.pk).update(
        hero_image=image, hero_image_decorative=True
    )
    Offering.objects.filter(pk=offering.pk).update(image=image, image_alt="A van")
    PilotPhoto.objects.create(pilot=pilot, image=image, decorative=True)


def test_admin_forms_put_the_error_next_to_the_alt_text():
    pilot = make_pilot()
    form = PilotPhotoAdminForm(
        data={
            "pilot": pilot.pk,
            "image": make_image().pk,
            "alt_text": "",
            "sort_order": 0,
            "language": "en",
        }
    )
    assert not form.is_valid()
    assert form.errors["alt_text"] == [ALT_ERROR]
    offering = make_offering()
    form = OfferingAdminForm(instance=offering, data={"image": make_image().pk})
    form.is_valid()
    assert form.errors["image_alt"] == [ALT_ERROR]


def test_share_image_of_every_model():
    image = make_image()
    pilot = make_pilot()
    assert pilot.share_image is None
    PilotPhoto.objects.create(
        pilot=pilot, image=make_image(title="second"), alt_text="B", sort_order=2
    )
    PilotPhoto.objects.create(pilot=pilot, image=image, alt_text="A", sort_order=1)
    assert pilot.share_image == image
    offering = make_offering(image=image, image_alt="A van")
    assert offering.share_image == image
    assert OrganisationFactory(logo=image, logo_decorative=True).share_image == image
    assert make_challenge(hero_image=image, hero_image_alt="Shore").share_image == image


def _owner():
    organisation = OrganisationFactory(kind="association", business_id="")
    owner = UserFactory()
    MembershipFactory(organisation=organisation, user=owner, role=Membership.Role.OWNER)
    return organisation, owner


def _profile(organisation, **extra):
    data = {
        name: getattr(organisation, name)
        for name in (
            "name",
            "kind",
            "business_id",
            "city",
            "website",
            "language",
            "description",
            "capabilities",
        )
    }
    return {**data, **extra}


def test_owners_upload_a_logo_on_the_organisation_form_and_describe_it(client):
    organisation, owner = _owner()
    client.force_login(owner)
    url = reverse("partners:organisation-edit", args=[organisation.slug])
    response = client.post(
        url, _profile(organisation, logo_file=SimpleUploadedFile("logo.png", image_bytes()))
    )
    assert response.status_code == 200
    assert ALT_ERROR in response.content.decode()
    response = client.post(
        url,
        _profile(
            organisation,
            logo_file=SimpleUploadedFile("logo.png", image_bytes()),
            logo_alt="Tori Association",
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.collection.name == "Organisation logos"
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert 'alt="Tori Association"' in page and "<picture>" in page


def test_a_logo_that_is_not_an_image_is_refused_next_to_the_field():
    organisation, _owner_user = _owner()
    form = OrganisationForm(
        data=_profile(organisation, logo_alt="Logo"),
        files={"logo_file": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image")},
        instance=organisation,
    )
    assert not form.is_valid()
    assert "Only PNG and JPEG" in form.errors["logo_file"][0]


def test_a_body_image_needs_alt_text_unless_decorative_and_renders_responsively():
    from wagtail.blocks.struct_block import StructBlockValidationError

    from cms.blocks import ImageBlock

    block = ImageBlock()
    image = make_image(width=1600, height=900)
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert ALT_ERROR in str(raised.value.block_errors["alt_text"])
    value = block.clean(block.to_python({"image": image.pk, "decorative": True, "caption": "Pier"}))
    html = block.render(value)
    assert '<img alt=""' in html and 'type="image/webp"' in html and "Pier" in html
    value = block.to_python({"image": image.pk, "alt_text": "A pier", "caption": ""})
    assert 'alt="A pier"' in block.render(value)


def test_the_challenge_hero_is_on_its_page_and_card_with_its_translated_alt(client):
    from tests.factories.cms import challenge_index, publish_translation

    image = make_image("hero", width=2400, height=1200)
    page = make_challenge(title="Shore", hero_image=image, hero_image_alt="The shore at dusk")
    swedish = publish_translation(
        page, "sv", title="Strand", hero_image_alt="Stranden i skymningen"
    )
    body = client.get(page.url).content.decode()
    hero = body[body.index("picture--hero") - 900 : body.index("picture--hero") + 200]
    assert 'alt="The shore at dusk"' in hero and 'loading="lazy"' not in hero
    assert 'alt="Stranden i skymningen"' in client.get(swedish.url).content.decode()
    listing = client.get(challenge_index().url).content.decode()
    assert "picture--card" in listing and 'alt="The shore at dusk"' in listing


@pytest.mark.parametrize(
    ("url_name", "field"),
    [("offerings:add", "image"), ("pilot_photos:add", "image"), ("organisations:add", "logo")],
)
def test_staff_pick_images_with_wagtails_chooser_not_a_list_of_every_image(
    admin_client, url_name, field
):
    html = admin_client.get(reverse(url_name)).content.decode()
    assert f'<select name="{field}"' not in html
    assert f'id="id_{field}-chooser" class="chooser image-chooser' in html
