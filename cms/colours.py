"""Colour contrast (WCAG 2.x): relative luminance, contrast ratio, and mixing for tints/shades.

One implementation for the site-branding setting's validation and the per-site stylesheet.
"""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
AA_TEXT = 4.5


def parse_hex(value: str) -> tuple[int, int, int]:
    """'#00566b' → (0, 86, 107). Raises ValueError for anything but #rrggbb."""
    if not HEX_COLOUR.match(value or ""):
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance: 0.0 for black, 1.0 for white."""
    r, g, b = (_channel(v) for v in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, 1.0 (same) to 21.0 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0–1) of the way towards `other`, as #rrggbb."""
    a, b = parse_hex(colour), parse_hex(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def contrast_with_white(colour: str) -> tuple[bool, float]:
    """(meets WCAG AA for normal text, ratio) for white text on `colour` and `colour` as text on
    white. The ratio is symmetric, so one figure answers both ways round."""
    ratio = contrast_ratio(colour, WHITE)
    return ratio >= AA_TEXT, ratio
