"""Follow and unfollow challenges, proposals and pilots; "What I follow"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import notices


def _target(request):
    """The object named by the form (`type` = app_label.model, `id`), if it can be followed."""
    try:
        app_label, model = request.POST.get("type", "").split(".", 1)
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        model_class = content_type.model_class()
        if model_class is None or notices.followable(model_class) is None:
            raise Http404
        obj = model_class._default_manager.get(pk=int(request.POST.get("id", "")))
    except (ValueError, OverflowError, ObjectDoesNotExist):
        raise Http404 from None
    if notices.followable(obj) is None or not notices.can_follow(request.user, obj):
        raise Http404
    return obj


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _title(obj) -> str:
    return notices.followable(obj).title(obj, translation.get_language())


@login_required
@require_POST
def follow(request):
    obj = _target(request)
    notices.follow(request.user, obj)
    messages.success(
        request,
        _("You follow “%(title)s”. You will hear what becomes of it.") % {"title": _title(obj)},
    )
    return _back(request, "follows:list")


@login_required
@require_POST
def unfollow(request):
    obj = _target(request)
    notices.unfollow(request.user, obj)
    messages.success(request, _("You no longer follow “%(title)s”.") % {"title": _title(obj)})
    return _back(request, "follows:list")


@login_required
def follow_list(request):
    language = translation.get_language()
    rows = []
    for row, obj in notices.followed_by(request.user):
        spec = notices.followable(obj)
        rows.append(
            {
                "follow": row,
                "object": obj,
                "type": f"{row.content_type.app_label}.{row.content_type.model}",
                "kind": notices.kind_label(obj),
                "title": spec.title(obj, language),
                "url": spec.path(obj, language),
            }
        )
    return render(request, "partners/follows/list.html", {"rows": rows})
