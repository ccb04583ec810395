"""Every Wagtail admin view asks `rules.can_open_admin_view` first.

The root URLconf decorates all of Wagtail's admin URL patterns (its own and those registered by
`register_admin_urls` hooks and viewsets) with `require_admin_view_rule`, as Wagtail itself
decorates them with `require_admin_access`.

What a user may do with a model in the admin (its viewset's buttons and views) is asked of a
`RulePermissionPolicy`: one of the rules, not Django's model permissions.
"""

from wagtail.admin.auth import permission_denied
from wagtail.admin.localization import get_localized_response
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import rules


class RuleMenuItem(MenuItem):
    """An admin menu item shown to those `rule(user)` lets in (the view asks the same rule)."""

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return self.rule(request.user)


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


class RulePermissionPolicy(BasePermissionPolicy):
    """Admin permissions asked of our rules (one place per rule), not of Django model perms:
    a user may do one of `actions` on any instance when `predicate(user)` holds, and nothing
    else."""

    def __init__(self, model, *, predicate, actions):
        super().__init__(model)
        self.predicate = predicate
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and self.predicate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()
