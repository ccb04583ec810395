"""The site-branding stylesheet and the favicon route.

A site whose branding setting names a main colour gets `/branding.css`: a few CSS custom
properties overriding Tori's brand colour. A file rather than a `<style>` element because the
Content Security Policy allows stylesheets from the site only (style-src 'self'); a file rather
than preset classes because any colour that passes the contrast check is allowed. The base
template links it with `?v=<last change>`, so browsers cache it for a year and a new colour
reaches them with the next page.
"""

from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from wagtail.models import Site

from cms.cache import cached_chrome
from cms.colours import AA_TEXT, WHITE, contrast_ratio, mix
from cms.models import SiteBranding

BLACK = "#000000"
# Links also sit on the light grey surfaces (footer, panels): darken until they pass there too.
SURFACE = "#f4f6f8"
YEAR = 365 * 24 * 3600


def branding_for(request) -> SiteBranding | None:
    """The request's site branding, or None. Read only: unlike Wagtail's `for_request`, a
    page view never creates the settings row (a write would end the anonymous page cache's
    generation on every first visit). Kept with the site chrome, so a page costs no query for it
    and a saved setting shows at once."""
    if request is None:
        return None
    if not hasattr(request, "_tori_branding"):
        site = Site.find_for_request(request)
        request._tori_branding = (
            cached_chrome("branding", lambda: (_branding_row(site),), site.pk)[0] if site else None
        )
    return request._tori_branding


def _branding_row(site) -> SiteBranding | None:
    return SiteBranding.objects.filter(site=site).select_related("logo").first()


def version(branding: SiteBranding) -> str:
    return f"{int(branding.updated_at.timestamp())}" if branding.updated_at else "0"


def stylesheet_url(request) -> str | None:
    """The branding stylesheet's versioned URL, or None when the site uses Tori's colour."""
    branding = branding_for(request)
    if branding is None or not branding.main_colour:
        return None
    return f"{reverse('branding-css')}?v={version(branding)}"


def stylesheet(colour: str) -> str:
    link = colour
    while contrast_ratio(link, SURFACE) < AA_TEXT:
        link = mix(link, BLACK, 0.05)
    dark = mix(colour, BLACK, 0.3)
    tint = mix(colour, WHITE, 0.9)
    return (
        f":root {{ --brand: {colour}; --brand-dark: {dark}; --brand-tint: {tint}; "
        f"--link: {link}; --link-hover: {dark}; }}\n"
    )


@require_GET
def branding_css(request):
    branding = branding_for(request)
    colour = branding.main_colour if branding else ""
    body = stylesheet(colour) if colour else ""
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    if branding is not None and request.GET.get("v") == version(branding):
        response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response


class FaviconView(RedirectView):
    """/favicon.ico for browsers and crawlers that ask for it without reading the page."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.ico")
