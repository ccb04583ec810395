"""Put the demo images (images.py) on the demo's challenges, proposals, pilots, offerings and
organisations, with alt text in each item's own language.

Written against the image fields of the models: `ChallengePage.hero_image`/`hero_image_alt`,
`Proposal.cover_image`/`cover_image_alt`, a `PilotPhoto` per pilot (`photos`),
`Offering.image`/`image_alt` and `Organisation.logo`/`logo_alt`. An item that already has an
image keeps it, so a second run changes nothing.
"""

from cms.models import ChallengePage
from ideas.demo.content import BY_KEY
from ideas.models import Proposal
from marketplace.models import Offering, Pilot, PilotPhoto
from partners.models import Organisation

from .images import logo_image, subject_image

KEY_OF_TITLE = {spec["title"]: key for key, (_slug, spec) in BY_KEY.items()}


def _proposal_key(proposal) -> str:
    return KEY_OF_TITLE.get(proposal.title, f"proposal-{proposal.pk}")


def _challenges() -> int:
    made = 0
    for page in ChallengePage.objects.filter(hero_image__isnull=True).specific():
        image, alt = subject_image(page.slug, language=page.locale.language_code)
        page.hero_image, page.hero_image_alt, page.hero_image_decorative = image, alt, False
        page.save_revision().publish()
        made += 1
    return made


def _proposals() -> int:
    made = 0
    for proposal in Proposal.objects.filter(cover_image__isnull=True):
        image, alt = subject_image(_proposal_key(proposal), language=proposal.language)
        Proposal.objects.filter(pk=proposal.pk).update(
            cover_image=image, cover_image_alt=alt, cover_image_decorative=False
        )
        made += 1
    return made


def _pilots() -> int:
    made = 0
    for pilot in Pilot.objects.filter(photos__isnull=True).select_related("proposal"):
        image, alt = subject_image(_proposal_key(pilot.proposal), language=pilot.language)
        PilotPhoto.objects.create(
            pilot=pilot, image=image, alt_text=alt, decorative=False, caption="", sort_order=0
        )
        made += 1
    return made


def _offerings() -> int:
    made = 0
    for offering in Offering.objects.filter(image__isnull=True):
        image, alt = subject_image(offering.slug, language=offering.language)
        Offering.objects.filter(pk=offering.pk).update(
            image=image, image_alt=alt, image_decorative=False
        )
        made += 1
    return made


def _organisations() -> int:
    made = 0
    for organisation in Organisation.objects.filter(logo__isnull=True):
        image, alt = logo_image(organisation.name, language=organisation.language)
        Organisation.objects.filter(pk=organisation.pk).update(
            logo=image, logo_alt=alt, logo_decorative=False
        )
        made += 1
    return made


def attach_demo_images(*, stdout=None) -> int:
    """Give every demo item without an image its illustration or logo; the number given."""
    made = _challenges() + _proposals() + _pilots() + _offerings() + _organisations()
    if stdout is not None:
        stdout.write(f"  images: {made} attached\n")
    return made
