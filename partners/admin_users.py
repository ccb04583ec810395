"""Wagtail admin user management for our user model (e-mail, display name, language; no first/last name)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User

ADMIN_USER_FIELDS = ["email", "display_name", "preferred_language", "is_superuser", "groups"]


class ToriUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta:
        model = User
        fields = ADMIN_USER_FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ToriUserEditForm(UserEditForm):
    first_name = None
    last_name = None
    email_verified = forms.BooleanField(label=_("E-mail address confirmed"), required=False)

    class Meta:
        model = User
        fields = [*ADMIN_USER_FIELDS, "is_active"]
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_verified"].initial = bool(self.instance.email_verified_at)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def save(self, commit=True):
        user = self.instance
        if self.cleaned_data.get("email_verified") and not user.email_verified_at:
            user.email_verified_at = timezone.now()
        elif not self.cleaned_data.get("email_verified"):
            user.email_verified_at = None
        return super().save(commit=commit)


class UserViewSet(WagtailUserViewSet):
    create_template_name = "partners/admin/user_create.html"
    edit_template_name = "partners/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return ToriUserEditForm if for_update else ToriUserCreationForm
