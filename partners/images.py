"""An image and its alternative text, the same way in every app.

- `image_fields(...)` gives a model its three fields: the Wagtail image, the alternative text
  and the "decorative" flag; `ImageSlot` names them, and gives the database check
  (`constraint`) and the form check (`check_form`, or `ImageAltFormMixin` for a model form;
  the error goes next to the alternative text) that say the same thing: an image is
  described or marked decorative.
- `alt_for(obj, slot)` is the text a page puts in `alt`: "" for a decorative image, else the
  alternative text in the active language where the model translates it.
- `sniff_content_type`, `check_image_upload` and `store_image` take an image uploaded from the
  public site: recognised by its first bytes (the same check attachments get), decoded with
  Pillow within size and pixel limits, stored as a Wagtail image with a random file name in a
  named collection, so that the address of a draft's image cannot be guessed.
- `with_renditions(queryset, *fields)` fetches the images of a list and their renditions in
  one query each, however long the list; `prefetch_renditions(images)` fetches the
  renditions of images already loaded (joined to their objects), in one query.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

ALT_REQUIRED = _("Describe the image, or mark it decorative.")

SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)
IMAGE_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG"}


def sniff_content_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the file's first bytes, or None if not PDF/PNG/JPEG."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def image_fields(verbose_name, *, required: bool = False, help_text=""):
    """(image, alternative text, decorative): assign them to the names of an `ImageSlot`."""
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE if required else models.SET_NULL,
        null=not required,
        blank=not required,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("Only decoration: screen readers skip it, and it needs no alternative text."),
    )
    return image, alt, decorative


@dataclass(frozen=True)
class ImageSlot:
    """The names of one image's three fields on a model."""

    image: str
    alt: str
    decorative: str

    @classmethod
    def named(cls, image: str) -> "ImageSlot":
        """`logo` → `logo`, `logo_alt`, `logo_decorative`."""
        return cls(image, f"{image}_alt", f"{image}_decorative")

    def constraint(self, name: str) -> models.CheckConstraint:
        """In the database: no image, or a decorative one, or one with alternative text."""
        return models.CheckConstraint(
            condition=Q(**{f"{self.image}__isnull": True})
            | Q(**{self.decorative: True})
            | ~Q(**{self.alt: ""}),
            name=name,
            violation_error_message=ALT_REQUIRED,
        )

    def needs_alt(self, *, has_image: bool, alt, decorative) -> bool:
        return bool(has_image) and not decorative and not (alt or "").strip()

    def check_form(self, form, *, has_image: bool) -> None:
        """For a form's `clean`, where the image may be an upload rather than a model field."""
        cleaned = form.cleaned_data
        if self.needs_alt(
            has_image=has_image,
            alt=cleaned.get(self.alt),
            decorative=cleaned.get(self.decorative),
        ):
            form.add_error(self.alt if self.alt in form.fields else None, ALT_REQUIRED)

    def image_of(self, obj):
        return getattr(obj, self.image)


class ImageAltFormMixin:
    """A form's check of its `image_slots`: an image needs its alternative text unless it is
    marked decorative. The image is the form's field if it has one, else the instance's."""

    image_slots: tuple[ImageSlot, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for slot in self.image_slots:
            if slot.image in self.fields:
                has_image = bool(cleaned.get(slot.image))
            else:
                has_image = bool(getattr(self.instance, f"{slot.image}_id", None))
            slot.check_form(self, has_image=has_image)
        return cleaned


def alt_for(obj, slot: ImageSlot) -> str:
    """The `alt` of the image: "" if decorative, else its text in the active language."""
    if getattr(obj, slot.decorative):
        return ""
    if slot.alt in getattr(obj, "translated_fields", ()):
        return obj.text(slot.alt)
    return getattr(obj, slot.alt) or ""


def check_image_upload(upload) -> tuple[str, str]:
    """(content type, extension) of an uploaded PNG or JPEG, or a ValidationError saying why
    not: too large, not an image by its content, undecodable, or too many pixels."""
    max_bytes = settings.TORI_IMAGE_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is too large: at most %(mb)s MB.")
            % {"mb": round(max_bytes / (1024 * 1024), 1)},
            code="too_large",
        )
    upload.seek(0)
    sniffed = sniff_content_type(upload.read(16))
    upload.seek(0)
    if sniffed is None or sniffed[0] not in IMAGE_TYPES:
        raise ValidationError(
            _("Only PNG and JPEG images can be uploaded; this file is neither."),
            code="not_an_image",
        )
    not_decodable = ValidationError(
        _("This image cannot be read. Save it again as PNG or JPEG and upload it."),
        code="broken",
    )
    try:
        with PILImage.open(upload) as picture:
            if picture.format != IMAGE_TYPES[sniffed[0]]:
                raise not_decodable
            width, height = picture.size
            if width * height > settings.TORI_IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels: at most %(mp)s megapixels.")
                    % {"mp": settings.TORI_IMAGE_MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            picture.load()
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        raise not_decodable from None
    finally:
        upload.seek(0)
    return sniffed


def collection_named(name: str) -> Collection:
    """The collection of that name under the root, made on first use."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def store_image(upload, *, title: str, collection: str, uploaded_by=None):
    """A Wagtail image of a checked upload, under a random file name, in `collection`."""
    _content_type, extension = check_image_upload(upload)
    image = get_image_model()(
        title=title[:255],
        collection=collection_named(collection),
        uploaded_by_user=uploaded_by,
    )
    image.file = ImageFile(upload, name=f"{uuid.uuid4().hex}.{extension}")
    image._set_image_file_metadata()  # size and hash, as Wagtail's own upload form sets them
    image.save()
    return image


def with_renditions(queryset, *fields: str):
    """`queryset` with each named image and its renditions prefetched: two queries in all."""
    images = get_image_model().objects.prefetch_renditions()
    return queryset.prefetch_related(*(Prefetch(field, queryset=images) for field in fields))


def prefetch_renditions(images) -> None:
    """The renditions of already loaded images (however many, of whatever objects) in one
    query, where Wagtail's `get_rendition` looks for them first."""
    images = [image for image in images if image is not None]
    if images:
        renditions = get_image_model().get_rendition_model().objects.all()
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
