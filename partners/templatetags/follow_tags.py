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
    target = notices.canonical(obj)
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    signed_in = bool(user and user.is_authenticated)
    return {
        "show": not signed_in or notices.can_follow(user, obj),
        "signed_in": signed_in,
        "following": signed_in and notices.is_following(user, obj),
        "type": f"{content_type.app_label}.{content_type.model}",
        "id": target.pk,
        "next": request.get_full_path(),
        "title": spec.title(obj, None),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = getattr(context.get("request"), "user", None)
    if not (user and user.is_authenticated):
        return 0
    return unread_count(user=user)
