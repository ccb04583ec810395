"""The signed-in user's notifications and notification choices; unsubscribing by e-mail link."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import delivery, notice_mail
from .. import notifications as service
from ..models import NoticeDelivery, Notification
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
    """How notices reach the person, automatic following and the e-mail of each kind."""

    notice_delivery = forms.ChoiceField(
        label=gettext_lazy("How notices reach you"),
        choices=NoticeDelivery.choices,
        widget=forms.RadioSelect,
    )
    auto_follow = forms.BooleanField(
        label=gettext_lazy("Follow automatically what I vote on, comment on or give feedback on"),
        required=False,
    )

    def __init__(self, *args, user, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice_delivery"].initial = user.notice_delivery
        self.fields["auto_follow"].initial = user.auto_follow
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=current.get(kind, True)
            )

    def kind_fields(self):
        return [self[kind] for kind in Notification.Kind.values]


@login_required
def email_preferences(request):
    user = request.user
    current = service.email_preferences(user=user)
    form = EmailPreferencesForm(request.POST or None, user=user, current=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            delivery.set_delivery_choice(user, data["notice_delivery"])
            user.auto_follow = data["auto_follow"]
            user.save(update_fields=["auto_follow"])
            service.set_email_preferences(
                user=user, enabled={kind: data[kind] for kind in Notification.Kind.values}
            )
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "partners/notifications/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _unsubscribe_page(request, template: str, context: dict, *, status: int = 200):
    response = render(request, f"partners/notifications/{template}", context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """Stop notice e-mails from a link in one, without signing in.

    A GET only shows what the button does (mail scanners open links); a POST, from the button
    or from the mail client's one-click unsubscribe (RFC 8058), does it."""
    person = notice_mail.user_for_token(token)
    if person is None:
        return _unsubscribe_page(request, "unsubscribe_invalid.html", {}, status=400)
    if request.method == "POST":
        delivery.unsubscribe(person)
        return _unsubscribe_page(request, "unsubscribed.html", {"person": person})
    return _unsubscribe_page(request, "unsubscribe.html", {"person": person})
