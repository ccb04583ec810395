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
from partners.translated import LANGUAGE_CODES

from .images import logo_image, subject_image

KEY_OF_TITLE = {spec["title"]: key for key, (_slug, spec) in BY_KEY.items()}


def _with_alt_translations(obj, field: str, make_image, key: str) -> dict:
    """The object's translations, with the alt text of `make_image(key, language=…)` in every
    language but its original, so a reader in any language hears the image described in theirs."""
    translations = {code: dict(texts) for code, texts in (obj.translations or {}).items()}
    for code in LANGUAGE_CODES:
        if code != obj.language:
            translations.setdefault(code, {})[field] = make_image(key, language=code)[1]
    return translations


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
        key = _proposal_key(proposal)
        image, alt = subject_image(key, language=proposal.language)
        Proposal.objects.filter(pk=proposal.pk).update(
            cover_image=image,
            cover_image_alt=alt,
            cover_image_decorative=False,
            translations=_with_alt_translations(proposal, "cover_image_alt", subject_image, key),
        )
        made += 1
    return made


def _pilots() -> int:
    made = 0
    for pilot in Pilot.objects.filter(photos__isnull=True).select_related("proposal"):
        key = _proposal_key(pilot.proposal)
        image, alt = subject_image(key, language=pilot.language)
        photo = PilotPhoto(
            pilot=pilot,
            language=pilot.language,
            image=image,
            alt_text=alt,
            decorative=False,
            caption="",
            sort_order=0,
        )
        photo.translations = _with_alt_translations(photo, "alt_text", subject_image, key)
        photo.save()
        made += 1
    return made


def _offerings() -> int:
    made = 0
    for offering in Offering.objects.filter(image__isnull=True):
        image, alt = subject_image(offering.slug, language=offering.language)
        Offering.objects.filter(pk=offering.pk).update(
            image=image,
            image_alt=alt,
            image_decorative=False,
            translations=_with_alt_translations(
                offering, "image_alt", subject_image, offering.slug
            ),
        )
        made += 1
    return made


def _organisations() -> int:
    made = 0
    for organisation in Organisation.objects.filter(logo__isnull=True):
        image, alt = logo_image(organisation.name, language=organisation.language)
        Organisation.objects.filter(pk=organisation.pk).update(
            logo=image,
            logo_alt=alt,
            logo_decorative=False,
            translations=_with_alt_translations(
                organisation,
                "logo_alt",
                logo_image,
                organisation.name,
            ),
        )
        made += 1
    return made


def attach_demo_images(*, stdout=None) -> int:
    """Give every demo item without an image its illustration or logo; the number given."""
    made = _challenges() + _proposals() + _pilots() + _offerings() + _organisations()
    if stdout is not None:
        stdout.write(f"  images: {made} attached\n")
    return made
