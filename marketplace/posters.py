"""The venue's printable poster for on-site feedback: in each of the venue's languages, what
the pilot is and "Give feedback: scan the code", the QR code (segno) and the short address
printed under it. As SVG (for screens and print shops) and as a one-page A4 PDF.

Both are drawn from one layout in millimetres, so the two files say the same."""

import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

DEFAULT_VENUE_LANGUAGES = ("fi", "sv")
PAGE_W, PAGE_H = 210, 297  # A4, millimetres
MARGIN = 18
QR_SIZE = 110
BOLD = ' font-weight="bold"'


def venue_languages(pilot) -> list[str]:
    """The venue's languages (known ones, in the pilot's order); Finnish and Swedish when none."""
    known = {code for code, _name in settings.LANGUAGES}
    chosen = [code for code in (pilot.venue_languages or []) if code in known]
    return list(dict.fromkeys(chosen)) or list(DEFAULT_VENUE_LANGUAGES)


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float  # baseline, from the top
    size: float  # font size in millimetres
    bold: bool = False


def qr_modules(url: str) -> tuple[list[tuple[int, int]], int]:
    """The dark modules (column, row) of the address's QR code, with the quiet zone, and the
    side in modules."""
    qr = segno.make(url, error="m", micro=False)
    rows = list(qr.matrix_iter(border=4))
    dark = [(x, y) for y, row in enumerate(rows) for x, bit in enumerate(row) if bit]
    return dark, len(rows)


def _wrapped(text: str, *, x: float, y: float, size: float, bold=False) -> list[Line]:
    width = int((PAGE_W - 2 * MARGIN) / (size * (0.58 if bold else 0.52)))
    return [
        Line(part, x, y + index * size * 1.3, size, bold)
        for index, part in enumerate(textwrap.wrap(text, width) or [""])
    ]


def layout(pilot, url: str) -> tuple[list[Line], float]:
    """The poster's lines of text and the top of the QR code (millimetres)."""
    languages = venue_languages(pilot)
    block = (PAGE_H - 2 * MARGIN - QR_SIZE - 24) / len(languages)
    size = min(10.0, block / 5.5)
    lines: list[Line] = []
    y = MARGIN + size
    for code in languages:
        with translation.override(code):
            title = pilot.text("title", code)
            venue = pilot.text("venue", code)
            lines += _wrapped(title, x=MARGIN, y=y, size=size, bold=True)
            y = lines[-1].y + size * 1.3
            what = _("Tori pilot: a new service tried out at %(venue)s.") % {"venue": venue}
            lines += _wrapped(what, x=MARGIN, y=y, size=size * 0.7)
            y = lines[-1].y + size * 1.1
            lines += _wrapped(
                _("Give feedback: scan the code"), x=MARGIN, y=y, size=size * 0.85, bold=True
            )
            y = lines[-1].y + size * 1.8
    # The code in the middle of the room left under the texts.
    qr_top = y + max(0.0, (PAGE_H - MARGIN - 14 - QR_SIZE - y) / 2)
    lines.append(Line(url, MARGIN, qr_top + QR_SIZE + 8, 4.2))
    return lines, qr_top


def poster_svg(pilot, url: str) -> str:
    lines, qr_top = layout(pilot, url)
    dark, side = qr_modules(url)
    scale = QR_SIZE / side
    path = "".join(f"M{x},{y}h1v1h-1z" for x, y in dark)
    texts = "\n".join(
        f'<text x="{line.x:.1f}" y="{line.y:.1f}" font-size="{line.size:.2f}"'
        f"{BOLD if line.bold else ''}>{escape(line.text)}</text>"
        for line in lines
    )
    title = escape(pilot.text("title", venue_languages(pilot)[0]))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}mm" height="{PAGE_H}mm" '
        f'viewBox="0 0 {PAGE_W} {PAGE_H}" role="img" aria-labelledby="poster-title">\n'
        f'<title id="poster-title">{title}</title>\n'
        f'<rect width="{PAGE_W}" height="{PAGE_H}" fill="#fff"/>\n'
        f'<g font-family="Helvetica, Arial, sans-serif" fill="#111">\n{texts}\n</g>\n'
        f'<g id="qr-code" transform="translate({MARGIN} {qr_top:.1f}) scale({scale:.4f})">'
        f'<path d="{path}" fill="#000"/></g>\n'
        f'<desc id="qr-address">{escape(url)}</desc>\n'
        "</svg>\n"
    )


# --- PDF: one A4 page with the standard Helvetica fonts (WinAnsi: Finnish and Swedish fit) ---

PT = 72 / 25.4  # points per millimetre


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def poster_pdf(pilot, url: str) -> bytes:
    lines, qr_top = layout(pilot, url)
    dark, side = qr_modules(url)
    module = QR_SIZE / side * PT
    ops = [b"0 g"]
    for line in lines:
        font = b"/F2" if line.bold else b"/F1"
        x, y = line.x * PT, (PAGE_H - line.y) * PT
        ops.append(
            b"BT %s %.2f Tf %.2f %.2f Td (%s) Tj ET"
            % (font, line.size * PT, x, y, _pdf_text(line.text))
        )
    left, top = MARGIN * PT, (PAGE_H - qr_top) * PT
    for x, y in dark:
        ops.append(
            b"%.2f %.2f %.2f %.2f re" % (left + x * module, top - (y + 1) * module, module, module)
        )
    ops.append(b"f")
    stream = b"\n".join(ops)
    title = _pdf_text(pilot.text("title", venue_languages(pilot)[0]))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        % (PAGE_W * PT, PAGE_H * PT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title (%s) /Producer (Tori) >>" % title,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)
