"""Privacy rights on the profile: download my data, delete my account."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import privacy


class AccountDeletionForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that my account and personal data are erased for good."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext_lazy("The password is not correct."))
        return password


@login_required
@require_POST
def data_download(request):
    """A JSON file of everything stored about the signed-in user."""
    body = privacy.export_user_data_json(user=request.user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="tori-my-data-{stamp}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request):
    user = request.user
    blockers = privacy.erasure_blockers(user=user)
    form = AccountDeletionForm(request.POST or None, user=user)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            privacy.erase_account(user=user)
        except privacy.ErasureRefused as refused:
            blockers = refused.blockers
        else:
            logout(request)
            messages.success(request, _("Your account and personal data have been erased."))
            return redirect("/")
    status = 409 if blockers and request.method == "POST" else 200
    return render(
        request,
        "partners/account_delete.html",
        {"form": form, "blockers": blockers},
        status=status,
    )
