"""Easy-read summaries (selkokieli, lättläst): who sees them first, and their text.

A challenge, pilot or offering may carry an `easy_read_summary`. It comes before the normal
summary for a signed-in person who chose it (`User.prefers_easy_read`) and for anyone who
follows the page's toggle link: `?easy-read=1` shows it first, `?easy-read=0` after the normal
text, whatever the preference. The choice is in the address, so the anonymous page cache
(keyed by the full path) keeps the two versions apart.
"""

from django.conf import settings

PARAMETER = "easy-read"


def easy_read_first(request) -> bool:
    """Does this request show easy-read summaries before the normal text?"""
    if request is None:
        return False
    chosen = request.GET.get(PARAMETER)
    if chosen in ("0", "1"):
        return chosen == "1"
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.prefers_easy_read)


def easy_read_text(item) -> tuple[str, str]:
    """(text, language code) of an item's easy-read summary in the active language.

    A translated plain model (pilot, offering) falls back to its original's text; a page
    (challenge) is already the active language's copy."""
    if hasattr(item, "text_and_language"):
        return item.text_and_language("easy_read_summary")
    text = getattr(item, "easy_read_summary", "") or ""
    locale = getattr(item, "locale", None)
    return text, locale.language_code if locale is not None else settings.LANGUAGE_CODE
