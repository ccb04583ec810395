"""Every Wagtail admin view asks `rules.can_open_admin_view` first.

The root URLconf decorates all of Wagtail's admin URL patterns (its own and those registered by
`register_admin_urls` hooks and viewsets) with `require_admin_view_rule`, as Wagtail itself
decorates them with `require_admin_access`.
"""

from wagtail.admin.auth import permission_denied
from wagtail.admin.localization import get_localized_response
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import rules


def require_admin_view_rule(view_func):
    """A refused view sends the user to the admin dashboard with Wagtail's "no permission"
    message, in their admin language (a background request gets 403)."""

    def wrapped(request, *args, **kwargs):
        match = request.resolver_match
        if not rules.can_open_admin_view(request.user, match.view_name if match else ""):
            return get_localized_response(permission_denied, request)
        return view_func(request, *args, **kwargs)

    return wrapped


def ruled_admin_urlpatterns(urlpatterns):
    return decorate_urlpatterns(urlpatterns, require_admin_view_rule)
