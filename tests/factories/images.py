"""Real images for the tests: PNG and JPEG bytes made with Pillow, and Wagtail images."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def image_bytes(width: int = 64, height: int = 48, *, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 120, 200)).save(buffer, fmt)
    return buffer.getvalue()


def make_image(title: str = "A photo", *, width: int = 64, height: int = 48, **fields):
    """A Wagtail image stored in the test media root."""
    image = get_image_model()(title=title, **fields)
    image.file = ImageFile(io.BytesIO(image_bytes(width, height)), name=f"{title[:20]}.png")
    image.save()
    return image
