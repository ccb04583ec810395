"""Swedish as written in Finland: 16.12.2026, 14.00 and 16.12.2026 kl. 14.00.

Django's own sv formats are Sweden's (2026-12-16, 16 december 2026 14:00). Finland-Swedish
writes dates, times and numbers as Finnish does; only the word before the time differs.
"""

from ..fi.formats import *  # noqa: F403
from ..fi.formats import DATETIME_INPUT_FORMATS as _FINNISH_INPUTS

DATETIME_FORMAT = r"j.n.Y \k\l. G.i"
SHORT_DATETIME_FORMAT = r"j.n.Y \k\l. G.i"
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y kl. %H.%M",
    *(f for f in _FINNISH_INPUTS if "klo" not in f),
]
