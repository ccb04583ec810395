"""The page of a list that `?page=` asks for, or a 404: past the end (however large the number),
below 1 or not a whole number. No `page` (or an empty one) is the first page.

Every app's list pages use it (this is the first app of the lifecycle, so any may import it).
"""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404

PAGE_PARAM = "page"


def page_or_404(paginator: Paginator, request, param: str = PAGE_PARAM) -> Page:
    raw = request.GET.get(param) or "1"
    if not (raw.isascii() and raw.isdigit()):  # Paginator would accept "1.0" and " 2"
        raise Http404("No such page.")
    try:
        return paginator.page(int(raw))
    except InvalidPage as missing:
        raise Http404("No such page.") from missing
