"""`{% follow_button obj %}`: follow or unfollow a challenge, proposal or pilot; signed-out
people get a link to sign in first. `{% unread_notifications %}`: the unread count."""

from django import template
from django.contrib.contenttypes.models import ContentType

from .. import notices
from ..notifications import unread_count

register = template.Library()


@register.inclusion_tag("partners/follows/button.html", takes_context=True)
def follow_button(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    spec = notices.followable(obj)
    if spec is None or request is None:
        return {"show": False}
    next_path = request.get_full_path()
    if not (user and user.is_authenticated):
        # The same for every visitor (the page cache keeps it): a link to sign in first.
        return {"show": True, "signed_in": False, "next": next_path}
    target = notices.canonical(obj)
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return {
        "show": notices.can_follow(user, obj),
        "signed_in": True,
        "following": notices.is_following(user, target),
        "type": f"{content_type.app_label}.{content_type.model}",
        "id": target.pk,
        "next": next_path,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = getattr(context.get("request"), "user", None)
    if not (user and user.is_authenticated):
        return 0
    return unread_count(user=user)
