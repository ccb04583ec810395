import logging

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .capabilities import CapabilityChoiceField, originals_of
from .images import check_image_upload
from .models import LOGO_SLOT, Language, Membership, Organisation, User
from .services.accounts import email_taken, normalise_email
from .services.errors import DuplicateEmail
from .services.mail import compose, render_plain, url_in_language
from .translated import TranslationsFormMixin
from .validators import validate_business_id

logger = logging.getLogger(__name__)


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        help_text=_("Shown with your votes, comments and proposals."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    preferred_language = forms.ChoiceField(
        label=pgettext_lazy("contact language", "Preferred language"), choices=Language.choices
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # A taken address is not refused here: registration answers it as a new one.
        return normalise_email(self.cleaned_data["email"])

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter a display name."), code="required")
        return name

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2", forms.ValidationError(_("The two passwords differ."), code="mismatch")
            )
        elif p1:
            probe = User(
                email=cleaned.get("email") or "", display_name=cleaned.get("display_name") or ""
            )
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is wrong. Both are case-sensitive for the password."
        ),
        "inactive": _("This account is inactive."),
    }

    def clean_username(self):
        return normalise_email(self.cleaned_data["username"])


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "prefers_easy_read"]
        labels = {
            "display_name": _("Display name"),
            "preferred_language": pgettext_lazy("contact language", "Preferred language"),
            "prefers_easy_read": _("Show easy-read summaries first"),
        }


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("New e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = normalise_email(self.cleaned_data["new_email"])
        if email == self.user.email:
            raise forms.ValidationError(
                _("This is already your e-mail address."), code="same_email"
            )
        if email_taken(email, exclude_user=self.user):
            raise forms.ValidationError(DuplicateEmail.message, code="duplicate_email")
        return email


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail written in the recipient's language and its
    link on SITE_URL (never the host the request came to), in plain text and HTML."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs
    ):
        user = context["user"]
        language = user.preferred_language
        with translation.override(language):
            subject = render_plain(subject_template_name, context)
        link = url_in_language(
            language,
            "partners:password-reset-confirm",
            uidb64=context["uid"],
            token=context["token"],
        )
        message = compose(
            to=to_email,
            subject=subject,
            template=email_template_name.removesuffix(".txt"),
            context={"user": user, "link": link},
            language=language,
        )
        if from_email:
            message.from_email = from_email
        try:
            message.send()
        except Exception:  # as Django's form does: the answer must not tell who has an account
            logger.exception("Failed to send password reset email to %s", user.pk)


class OrganisationForm(TranslationsFormMixin, forms.ModelForm):
    translation_help_text = ""  # the form's fieldset explains the translations

    # Longer than the column so that a too-long value gets the Business ID format message.
    business_id = forms.CharField(
        label=Organisation._meta.get_field("business_id").verbose_name,
        help_text=Organisation._meta.get_field("business_id").help_text,
        required=False,
        max_length=30,
    )

    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most %(mb)s MB.")
        % {"mb": settings.TORI_IMAGE_MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)
    capability_tags = CapabilityChoiceField(
        label=_("Capability tags"),
        help_text=_("Pick from the shared list; describe the rest in your own words below."),
    )

    class Meta:
        model = Organisation
        fields = list(Organisation.profile_fields)
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo_id:
            del self.fields["logo_remove"]
        if self.instance.pk and not self.is_bound:
            tagged = originals_of(self.instance.capability_tags.all())
            self.fields["capability_tags"].initial = [c.pk for c in tagged]
        # The upload comes just before its alternative text; the tags before the free text.
        names = [
            name
            for name in self.fields
            if name not in ("logo_file", "logo_remove", "capability_tags")
        ]
        names.insert(names.index("capabilities"), "capability_tags")
        at = names.index("logo_alt")
        extra = [name for name in ("logo_file", "logo_remove") if name in self.fields]
        self.order_fields([*names[:at], *extra, *names[at:]])

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if upload:
            check_image_upload(upload)
        return upload

    def clean_business_id(self):
        value = (self.cleaned_data.get("business_id") or "").strip()
        if value:
            validate_business_id(value)
            others = Organisation.objects.filter(business_id=value)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(
                    _("An organisation with this Business ID is already registered."),
                    code="business_id_taken",
                )
        return value

    def clean(self):
        cleaned = super().clean()
        kept = self.instance.logo_id and not cleaned.get("logo_remove")
        LOGO_SLOT.check_form(self, has_image=bool(cleaned.get("logo_file") or kept))
        if cleaned.get("kind") == Organisation.Kind.COMPANY and not cleaned.get("business_id"):
            if "business_id" not in self.errors:
                self.add_error(
                    "business_id",
                    forms.ValidationError(
                        _("A company needs its Business ID (Y-tunnus)."),
                        code="business_id_required",
                    ),
                )
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
