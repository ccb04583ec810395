"""English for a Finnish service: 16 Dec 2026 and 16 Dec 2026, 14:00 (24-hour clock, day first)."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d %b %Y, %H:%M", "%d %b %Y %H:%M"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
