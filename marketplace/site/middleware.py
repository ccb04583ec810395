"""Site-wide HTTP security headers."""

from django.conf import settings

# Public pages: no inline or third-party script, and no inline style (a `style` attribute or
# element): the site's stylesheet only. The SVG charts style themselves through classes and
# presentation attributes, which style-src does not govern.
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'; frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com"
)
# The Wagtail admin ships a few inline scripts (inline panels, date widgets) and inline styles
# (its own and the dashboard's); it is reachable by staff only and still refuses third-party
# scripts, objects and framing.
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'; frame-src 'self'"
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy (strict on public pages) and Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = settings.TORI_ADMIN_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefix)
            response["Content-Security-Policy"] = ADMIN_POLICY if admin else PUBLIC_POLICY
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
