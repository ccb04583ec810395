"""The signed-in user's notifications and e-mail preferences."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import notifications as service
from ..models import Notification
from ..pagination import page_or_404


@login_required
def notification_list(request):
    paginator = Paginator(
        Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id"), 25
    )
    page = page_or_404(paginator, request)
    return render(
        request,
        "partners/notifications/list.html",
        {
            "page_obj": page,
            "notifications": page.object_list,
            "unread": service.unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def mark_all_read(request):
    service.mark_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


class EmailPreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=current.get(kind, True)
            )


@login_required
def email_preferences(request):
    current = service.email_preferences(user=request.user)
    form = EmailPreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        service.set_email_preferences(user=request.user, enabled=form.cleaned_data)
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "partners/notifications/preferences.html", {"form": form})
