"""Demo images, drawn here with Pillow (nothing is downloaded).

Calm geometric illustrations in the site's palette: each challenge has its own motif and
accent colour (a house with a screen for visits from home, braille dots for the touchable
collections, photo frames for the archive…), its proposals, pilots and offerings vary it, and
every organisation gets a monogram logo. Images are saved once as Wagtail Images in the
"Demo" collection, found again by title, so seeding twice makes no second copy.

`attach_demo_images()` sets them on the image fields of challenges, proposals, pilots,
offerings and organisations, with alt text in the item's own language; it leaves alone an
item that already has an image.
"""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Collection

BRAND = "#00566b"
PAPER = "#f3f5f7"
PALETTE = {
    "brand": BRAND,
    "sky": "#4f86a8",
    "moss": "#5b7f3a",
    "ochre": "#c99a2e",
    "coral": "#c8553d",
    "plum": "#6b4e71",
    "sand": "#e9dfcc",
    "mist": "#d5e4e8",
}
SIZE = (1200, 675)
LOGO_SIZE = 400
COLLECTION = "Demo"

# What each motif shows, for alt text: {motif: (fi, sv, en)}.
MOTIFS = {
    "house": (
        "talo, jonka ikkunassa on näyttö",
        "ett hus med en skärm i fönstret",
        "a house with a screen in its window",
    ),
    "family": (
        "isoja ja pieniä ympyröitä rinnakkain",
        "stora och små cirklar sida vid sida",
        "large and small circles side by side",
    ),
    "book": ("avoin kirja", "en öppen bok", "an open book"),
    "speech": ("kaksi puhekuplaa", "två pratbubblor", "two speech bubbles"),
    "braille": ("pistekirjoituksen pisteitä", "punktskriftens punkter", "braille dots"),
    "frames": (
        "päällekkäisiä valokuvakehyksiä",
        "överlappande fotoramar",
        "overlapping photo frames",
    ),
    "magnifier": (
        "suurennuslasi valokuvan päällä",
        "ett förstoringsglas över ett fotografi",
        "a magnifying glass over a photograph",
    ),
    "waves": ("ääniaaltoja", "ljudvågor", "sound waves"),
    "lines": ("lyhyitä tekstirivejä", "korta textrader", "short lines of text"),
}
WORDS = {"fi": "Kuvitus", "sv": "Illustration", "en": "Illustration"}
LOGO_WORDS = {"fi": "logo", "sv": "logotyp", "en": "logo"}

# The demo's subjects: challenge slug, pilot proposal key or offering slug → (motif, accent).
SUBJECTS = {
    "museokaynti-kotisohvalta": ("house", "sky"),
    "perheviikonloput": ("family", "ochre"),
    "etaoppitunnit-kouluille": ("book", "moss"),
    "monikielinen-opas": ("speech", "plum"),
    "kosketeltavat-kokoelmat": ("braille", "coral"),
    "valokuva-arkisto-tutkijoille": ("frames", "brand"),
    "kosketeltavat-kopiot": ("braille", "coral"),
    "kosketuslaukku": ("braille", "ochre"),
    "kuvahaku": ("magnifier", "brand"),
    "tunnistustalkoot": ("frames", "moss"),
    "kayttooikeudet": ("lines", "plum"),
    "kuva-arkiston-hakupalvelu": ("magnifier", "sky"),
    "kuvien-tunnistustalkoot": ("frames", "ochre"),
    "kuvailutulkatut-opastukset": ("waves", "coral"),
    "virtual-museum-visits": ("house", "plum"),
    "selkokieliset-nayttelytekstit": ("lines", "moss"),
}


def subject(key: str) -> tuple[str, str]:
    """The motif and accent of a demo subject; any other key gets one chosen from its name."""
    if key in SUBJECTS:
        return SUBJECTS[key]
    digest = hashlib.sha256(key.encode()).digest()
    accents = [name for name in PALETTE if name not in ("sand", "mist")]
    return sorted(MOTIFS)[digest[0] % len(MOTIFS)], accents[digest[1] % len(accents)]


def alt_text(motif: str, language: str) -> str:
    words = MOTIFS[motif]
    index = {"fi": 0, "sv": 1, "en": 2}.get(language, 2)
    return f"{WORDS.get(language, WORDS['en'])}: {words[index]}."


# --- Drawing --------------------------------------------------------------------------------


def _house(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    mid = (x0 + x1) / 2
    roof = y0 + (y1 - y0) * 0.35
    draw.polygon([(x0, roof), (mid, y0), (x1, roof)], fill=accent)
    draw.rectangle([x0 + 20, roof, x1 - 20, y1], fill=PAPER)
    pad = (x1 - x0) * 0.22
    draw.rounded_rectangle([x0 + pad, roof + 40, x1 - pad, y1 - 60], radius=14, fill=BRAND)
    draw.ellipse([mid - 18, y1 - 48, mid + 18, y1 - 12], fill=accent)


def _family(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    sizes = [1.0, 0.8, 0.55, 0.4]
    unit = (x1 - x0) / 3.4
    x = x0
    for n, share in enumerate(sizes):
        r = unit * share / 2 + rng.randint(0, 8)
        colour = accent if n % 2 == 0 else BRAND
        draw.ellipse([x, y1 - 2 * r, x + 2 * r, y1], fill=colour)
        x += 2 * r + 18


def _book(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    mid = (x0 + x1) / 2
    draw.polygon([(x0, y0 + 40), (mid, y0 + 80), (mid, y1), (x0, y1 - 40)], fill=accent)
    draw.polygon([(x1, y0 + 40), (mid, y0 + 80), (mid, y1), (x1, y1 - 40)], fill=BRAND)
    for n in range(4):
        y = y0 + 130 + n * 42
        draw.line([(x0 + 40, y), (mid - 40, y + 20)], fill=PAPER, width=8)
        draw.line([(mid + 40, y + 20), (x1 - 40, y)], fill=PAPER, width=8)


def _speech(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    w, h = (x1 - x0) * 0.62, (y1 - y0) * 0.5
    draw.rounded_rectangle([x0, y0, x0 + w, y0 + h], radius=40, fill=accent)
    draw.polygon([(x0 + 60, y0 + h), (x0 + 130, y0 + h), (x0 + 50, y0 + h + 60)], fill=accent)
    draw.rounded_rectangle([x1 - w, y1 - h, x1, y1], radius=40, fill=BRAND)
    draw.polygon([(x1 - 60, y1 - h), (x1 - 130, y1 - h), (x1 - 40, y1 - h - 60)], fill=BRAND)


def _braille(draw, box, accent, rng):
    """Two braille cells side by side: raised dots in the accent, the others as rings."""
    x0, y0, x1, y1 = box
    step = (x1 - x0) / 4
    r = step * 0.3
    for col in range(4):
        for row in range(3):
            cx = x0 + step * (col + 0.5) + (step * 0.4 if col >= 2 else 0)
            cy = y0 + (y1 - y0) * (row + 0.5) / 3
            raised = rng.random() < 0.6
            draw.ellipse(
                [cx - r, cy - r, cx + r, cy + r],
                fill=accent if raised else None,
                outline=BRAND,
                width=8,
            )


def _frames(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    w, h = (x1 - x0) * 0.7, (y1 - y0) * 0.7
    for n, colour in enumerate((PALETTE["sand"], accent, BRAND)):
        dx, dy = n * (x1 - x0 - w) / 2, n * (y1 - y0 - h) / 2
        draw.rectangle([x0 + dx, y0 + dy, x0 + dx + w, y0 + dy + h], fill=colour)
        draw.rectangle(
            [x0 + dx + 24, y0 + dy + 24, x0 + dx + w - 24, y0 + dy + h - 24],
            outline=PAPER,
            width=6,
        )


def _magnifier(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    draw.rectangle([x0, y0 + 30, x1 - 60, y1 - 30], fill=PALETTE["sand"])
    cx, cy, r = x0 + (x1 - x0) * 0.45, (y0 + y1) / 2, (y1 - y0) * 0.3
    draw.line([(cx + r * 0.7, cy + r * 0.7), (x1, y1)], fill=BRAND, width=36)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=PALETTE["mist"], outline=BRAND, width=22)
    draw.ellipse([cx - r / 3, cy - r / 3, cx + r / 3, cy + r / 3], fill=accent)


def _waves(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    cy = (y0 + y1) / 2
    draw.ellipse([x0, cy - 40, x0 + 80, cy + 40], fill=BRAND)
    for n in range(1, 5):
        r = 60 + n * 70
        colour = accent if n % 2 else BRAND
        draw.arc([x0 + 40 - r, cy - r, x0 + 40 + r, cy + r], -50, 50, fill=colour, width=22)


def _lines(draw, box, accent, rng):
    x0, y0, x1, y1 = box
    for n in range(5):
        y = y0 + 20 + n * (y1 - y0 - 40) / 5
        length = (x1 - x0) * rng.uniform(0.45, 1.0)
        colour = accent if n == 0 else BRAND
        draw.rounded_rectangle([x0, y, x0 + length, y + 34], radius=17, fill=colour)


DRAW = {
    "house": _house,
    "family": _family,
    "book": _book,
    "speech": _speech,
    "braille": _braille,
    "frames": _frames,
    "magnifier": _magnifier,
    "waves": _waves,
    "lines": _lines,
}


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def illustration(key: str, *, motif: str, accent: str, size=SIZE) -> bytes:
    """A PNG: a calm background of soft shapes and the motif in the accent colour. The same
    key always draws the same picture; another key varies the shapes."""
    rng = random.Random(hashlib.sha256(key.encode()).hexdigest())  # noqa: S311 - shapes
    width, height = size
    image = PILImage.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    for _ in range(3):
        r = rng.randint(height // 4, height // 2)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        soft = PALETTE[rng.choice(["mist", "sand"])]
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=soft)
    draw.rectangle([0, height - height // 12, width, height], fill=BRAND)
    side = min(width, height) * 0.62
    left = width * rng.uniform(0.42, 0.52) - side / 2 + side * 0.3
    top = (height - side) / 2 - height / 40
    DRAW[motif](draw, (left, top, left + side, top + side), PALETTE[accent], rng)
    return _png(image)


SMALL_WORDS = {"oy", "ab", "ry", "rf", "vid", "för", "of", "the", "ja", "och", "and"}


def initials(name: str) -> str:
    """A monogram: an acronym the name already has (KAMU), else the first letters of its first
    two words that are not a company form or a small word."""
    words = name.replace("-", " ").split()
    for word in words:
        if 2 <= len(word) <= 4 and word.isupper() and word.isalpha():
            return word
    meaningful = [w for w in words if w.lower() not in SMALL_WORDS] or words
    return "".join(w[0] for w in meaningful[:2]).upper()


def monogram(name: str, *, accent: str = "brand", size: int = LOGO_SIZE) -> bytes:
    """A PNG logo: the organisation's initials, white on a rounded square."""
    image = PILImage.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 6, fill=PALETTE[accent])
    letters = initials(name)
    font = ImageFont.load_default(size=int(size * (0.42 if len(letters) <= 2 else 0.28)))
    draw.text((size / 2, size / 2), letters, fill="#ffffff", font=font, anchor="mm")
    return _png(image)


# --- Wagtail Images -------------------------------------------------------------------------


def _collection():
    existing = Collection.objects.filter(name=COLLECTION).first()
    return existing or Collection.get_first_root_node().add_child(name=COLLECTION)


def demo_image(title: str, data: bytes, *, description: str = "", filename: str) -> Image:
    """The Wagtail Image with this title in the Demo collection, saved from `data` if missing."""
    collection = _collection()
    existing = Image.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    image = Image(title=title, collection=collection, description=description)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def subject_image(key: str, *, language: str = "en") -> tuple[Image, str]:
    """The illustration of a demo subject (saved once) and its alt text in `language`."""
    motif, accent = subject(key)
    image = demo_image(
        f"Demo: {key}",
        illustration(key, motif=motif, accent=accent),
        description=alt_text(motif, "en"),
        filename=f"demo-{key}.png",
    )
    return image, alt_text(motif, language)


def logo_image(name: str, *, language: str = "en") -> tuple[Image, str]:
    """An organisation's monogram logo (saved once) and its alt text in `language`."""
    accents = ["brand", "sky", "moss", "plum", "coral"]
    accent = accents[hashlib.sha256(name.encode()).digest()[0] % len(accents)]
    slug = hashlib.sha256(name.encode()).hexdigest()[:10]
    alt = f"{name} – {LOGO_WORDS.get(language, LOGO_WORDS['en'])}"
    image = demo_image(
        f"Demo logo: {name}",
        monogram(name, accent=accent),
        description=f"{name} – logo",
        filename=f"demo-logo-{slug}.png",
    )
    return image, alt
