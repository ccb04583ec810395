"""Finnish: 16.12.2026, 14.00 and 16.12.2026 klo 14.00."""

DATE_FORMAT = "j.n.Y"
SHORT_DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
SHORT_DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j.n."
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y klo %H.%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H.%M",
]
TIME_INPUT_FORMATS = ["%H.%M", "%H.%M.%S", "%H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
