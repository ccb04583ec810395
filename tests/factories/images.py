"""Real images for the tests: PNG and JPEG bytes made with Pillow, and Wagtail images."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def image_bytes(width: int = 64, height: int = 48, *, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 120, 200)).save(buffer, fmt)
    return buffer.getvalue()


def two_halves(width: int, height: int) -> bytes:
    """A PNG black on the left half and white on the right."""
    picture = PILImage.new("RGB", (width, height), (0, 0, 0))
    picture.paste((255, 255, 255), (width // 2, 0, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def make_image(
    title: str = "A photo", *, width: int = 64, height: int = 48, content=None, **fields
):
    """A Wagtail image stored in the test media root."""
    image = get_image_model()(title=title, **fields)
    content = content or image_bytes(width, height)
    image.file = ImageFile(io.BytesIO(content), name=f"{title[:20]}.png")
    image.save()
    return image
