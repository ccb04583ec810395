"""Registration, verification, sign-in, profile and e-mail change."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import rules, selectors
from ..forms import (
    EmailAuthenticationForm,
    EmailChangeForm,
    LocalisedPasswordResetForm,
    ProfileForm,
    RegistrationForm,
    ResendVerificationForm,
)
from ..login_budget import LoginBudget
from ..ratelimits import Limit, limit_posts, too_many_requests
from ..services import accounts as account_services
from ..services.errors import DuplicateEmail, PartnersError
from .common import link_problem

REGISTER = Limit("partners.register", "TORI_REGISTER_RATE", "ip")
RESEND = Limit("partners.resend", "TORI_REGISTER_RATE", "ip")
RESET = (
    Limit("partners.reset", "TORI_PASSWORD_RESET_RATE", "ip"),
    Limit("partners.reset-email", "TORI_PASSWORD_RESET_RATE", "post:email"),
)
TOO_MANY_ATTEMPTS = gettext_lazy("Too many attempts. Please wait a minute and try again.")


def _set_language(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


class LoginView(auth_views.LoginView):
    """E-mail sign-in, at most TORI_LOGIN_RATE failed password checks per account and per
    address (partners/login_budget.py); then the user's own language."""

    form_class = EmailAuthenticationForm
    template_name = "partners/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # The slot is taken before the password is checked, so parallel attempts cannot
        # overrun the budget; a successful sign-in gives it back (form_valid).
        self.budget = LoginBudget(
            request, account_services.normalise_email(request.POST.get("username", ""))
        )
        if not self.budget.take():
            return too_many_requests(request, TOO_MANY_ATTEMPTS, wait=self.budget.wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.budget.give_back()  # only failed checks count
        user = form.get_user()
        super().form_valid(form)
        language = user.preferred_language
        target = self.get_redirect_url()
        if not target:
            with translation.override(language):
                target = reverse("partners:profile")
        return _set_language(redirect(target), language)


@method_decorator(limit_posts(*RESET, message=TOO_MANY_ATTEMPTS), "post")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalisedPasswordResetForm
    template_name = "partners/password_reset_form.html"
    email_template_name = "partners/email/password_reset.txt"
    subject_template_name = "partners/email/password_reset_subject.txt"
    success_url = reverse_lazy("partners:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "partners/password_reset_confirm.html"
    success_url = reverse_lazy("partners:password-reset-complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "partners/password_change.html"
    success_url = reverse_lazy("partners:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@limit_posts(REGISTER, message=TOO_MANY_ATTEMPTS)
def register(request):
    if request.user.is_authenticated:
        return redirect("partners:profile")
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            # A taken address gets the same answer as a new one (its owner is told by mail),
            # so nobody is signed in here: that would tell the two apart.
            language = form.cleaned_data["preferred_language"]
            account_services.registration_request(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
                preferred_language=language,
            )
            with translation.override(language):
                target = safe_next(request, reverse("partners:verification-sent"))
            return _set_language(redirect(target), language)
    else:
        form = RegistrationForm(initial={"preferred_language": translation.get_language()})
    return render(request, "partners/register.html", {"form": form, "next": safe_next(request, "")})


def verification_sent(request):
    return render(request, "partners/verification_sent.html")


@limit_posts(RESEND, message=TOO_MANY_ATTEMPTS)
def resend_verification(request):
    if request.method == "POST":
        form = ResendVerificationForm(request.POST)
        if form.is_valid():
            account_services.verification_resend(email=form.cleaned_data["email"])
            messages.success(
                request,
                _(
                    "If an unverified account uses this address, a new confirmation link is on its way."
                ),
            )
            return redirect("partners:verification-sent")
    else:
        initial = {"email": request.user.email} if request.user.is_authenticated else {}
        form = ResendVerificationForm(initial=initial)
    return render(request, "partners/resend_verification.html", {"form": form})


def verify_email(request, token):
    """GET shows a confirm button (link scanners do not use it up); POST verifies."""
    title = _("Confirm your e-mail address")
    try:
        if request.method == "POST":
            user = account_services.email_verify(token=token)
        else:
            user = account_services.email_verification_target(token=token)
            return render(request, "partners/verify_email.html", {"target": user, "title": title})
    except PartnersError as exc:
        return link_problem(request, exc, title=title, offer_resend=True)
    messages.success(
        request, _("Thank you, your e-mail address %(email)s is confirmed.") % {"email": user.email}
    )
    return redirect("partners:profile" if request.user.is_authenticated else "partners:login")


@login_required
def profile(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            account_services.profile_update(
                user=user,
                display_name=form.cleaned_data["display_name"],
                preferred_language=form.cleaned_data["preferred_language"],
                prefers_easy_read=form.cleaned_data["prefers_easy_read"],
            )
            with translation.override(user.preferred_language):
                messages.success(request, _("Your profile has been saved."))
                target = reverse("partners:profile")
            return _set_language(redirect(target), user.preferred_language)
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "partners/profile.html",
        {
            "form": form,
            "email_form": EmailChangeForm(user=user),
            "memberships": selectors.memberships_of(user=user),
            "can_create_organisation": rules.can_create_organisation(user),
        },
    )


@login_required
@require_POST
def email_change(request):
    form = EmailChangeForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            account_services.email_change_request(
                user=request.user, new_email=form.cleaned_data["new_email"]
            )
        except DuplicateEmail as exc:
            form.add_error("new_email", str(exc.message))
        else:
            messages.success(
                request,
                _(
                    "We sent a confirmation link to %(email)s. Your address stays %(old)s until you open it."
                )
                % {"email": form.cleaned_data["new_email"], "old": request.user.email},
            )
            return redirect("partners:profile")
    return render(
        request,
        "partners/profile.html",
        {
            "form": ProfileForm(instance=request.user),
            "email_form": form,
            "memberships": selectors.memberships_of(user=request.user),
            "can_create_organisation": rules.can_create_organisation(request.user),
        },
        status=400,
    )


def confirm_email_change(request, token):
    title = _("Confirm your new e-mail address")
    try:
        if request.method == "POST":
            user = account_services.email_change_confirm(token=token)
        else:
            user, new_email = account_services.email_change_target(token=token)
            return render(
                request,
                "partners/confirm_email_change.html",
                {"target": user, "new_email": new_email, "title": title},
            )
    except PartnersError as exc:
        return link_problem(request, exc, title=title, offer_resend=True)
    messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": user.email})
    return redirect("partners:profile" if request.user.is_authenticated else "partners:login")


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default
