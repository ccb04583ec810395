import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(first_seven: str) -> int | None:
    """The Y-tunnus check digit for seven digits, or None when no valid digit exists."""
    total = sum(int(d) * w for d, w in zip(first_seven, _WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    """Validate a Finnish Business ID (Y-tunnus) such as 0201256-6."""
    match = BUSINESS_ID_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the Business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1."),
            code="business_id_format",
        )
    digits, check = match.groups()
    if business_id_check_digit(digits) != int(check):
        raise ValidationError(
            _("The Business ID %(value)s has a wrong check digit. Check the number."),
            code="business_id_check_digit",
            params={"value": value},
        )
