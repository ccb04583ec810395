"""The challenge page's admin form: snippets of the page's language, criteria checked on the inline."""

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from partners.images import ImageAltFormMixin, ImageSlot

NUMBER_FIELDS = ("budget_eur", "pilot_length_weeks", "votes_per_resident", "resident_vote_weight")


class ChallengePageForm(ImageAltFormMixin, WagtailAdminPageForm):
    """Later apps add their own checks through the hooks `tori_challenge_form_init` and
    `tori_challenge_form_clean` (e.g. voting rules frozen after the first vote), so cms never
    imports them. The hero image is described or marked decorative."""

    image_slots = (ImageSlot.named("hero_image"),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for hook in hooks.get_hooks("tori_challenge_form_init"):
            hook(self)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        for name in ("customer_groups", "themes"):
            field = self.fields.get(name)
            if field is None or locale_id is None:
                continue
            selected = []
            if self.instance.pk:
                selected = [obj.pk for obj in getattr(self.instance, name).all()]
            field.queryset = field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=selected))
        self._init_unit(locale_id)
        criteria = self.formsets.get("criteria")
        if criteria is not None:
            criteria.error_messages["too_few_forms"] = _("Add at least one evaluation criterion.")
        # The model's validators carry the clear messages ("The budget cannot be negative."):
        # drop the form fields' generic minimum checks so those messages reach the field.
        for name in NUMBER_FIELDS:
            field = self.fields.get(name)
            if field is not None:
                field.validators = [
                    v for v in field.validators if not isinstance(v, MinValueValidator)
                ]

    def _init_unit(self, locale_id):
        """The units of the page's language; required for a new challenge and for one that
        already has a unit (challenges made before units may stay without one)."""
        field = self.fields.get("unit")
        if field is None:
            return
        field.required = self.instance.pk is None or self.instance.unit_id is not None
        field.empty_label = _("Choose a unit")
        if field.required:
            field.error_messages["required"] = _("Choose the unit that publishes the challenge.")
        if locale_id is not None:
            field.queryset = field.queryset.filter(
                Q(locale_id=locale_id) | Q(pk=self.instance.unit_id)
            )

    def clean(self):
        cleaned_data = super().clean()
        for hook in hooks.get_hooks("tori_challenge_form_clean"):
            hook(self)
        return cleaned_data

    def _kept_criteria(self, formset):
        kept = []
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            kept.append(form.instance)
        return kept

    def _post_clean(self):
        # While the form is cleaned, the page's criteria relation still holds the saved rows;
        # the criteria are checked in is_valid() against the submitted inline forms instead.
        self.instance._criteria_validated_by_form = True
        try:
            super()._post_clean()
        finally:
            del self.instance._criteria_validated_by_form

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("criteria")
        if formset is None or not formset.is_valid():
            return valid
        messages = self.instance.criteria_errors(
            self._kept_criteria(formset), require_one=not self.is_deferred_validation
        )
        if messages:
            formset._non_form_errors.extend(messages)
            return False
        return valid


class UnitForm(WagtailAdminModelForm):
    """An organising unit in the admin: a prompt, not dashes, before the cities."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("city")
        if field is not None:
            field.choices = [("", _("Choose a city")), *(c for c in field.choices if c[0] != "")]


class AccessibilityFeedbackForm(forms.Form):
    """Feedback on the service's accessibility (Act on the Provision of Digital Services 306/2019).

    Everything is optional but the message; nothing is stored, the message is e-mailed."""

    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Give it if you would like an answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    page_url = forms.CharField(
        label=_("Address of the page with the problem (optional)"),
        required=False,
        max_length=500,
    )
    message = forms.CharField(
        label=_("What did you notice?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe the accessibility problem, or ask for the content in another form."),
    )


class CustomerGroupsForm(forms.Form):
    """Which customer groups a resident belongs to: ordinary groups as one set of checkboxes;
    each sensitive group as its own question that counts only with the explicit consent tick."""

    groups = forms.MultipleChoiceField(
        label=_("Customer groups"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, ordinary, sensitive, **kwargs):
        super().__init__(*args, **kwargs)
        self.ordinary = {str(g.pk): g for g in ordinary}
        self.sensitive = {str(g.pk): g for g in sensitive}
        self.fields["groups"].choices = [(str(g.pk), g.label) for g in ordinary]
        self.sensitive_fields = []
        for key, group in self.sensitive.items():
            self.fields[f"sensitive_{key}"] = forms.BooleanField(
                label=_("I belong to the group “%(group)s”.") % {"group": group.label},
                required=False,
            )
            self.fields[f"consent_{key}"] = forms.BooleanField(
                label=_(
                    "I give my explicit consent to Tori storing that I belong to this group. "
                    "It tells something about my health or disability."
                ),
                required=False,
            )
            self.sensitive_fields.append((group, self[f"sensitive_{key}"], self[f"consent_{key}"]))

    def clean(self):
        data = super().clean()
        for key in self.sensitive:
            if data.get(f"sensitive_{key}") and not data.get(f"consent_{key}"):
                self.add_error(
                    f"consent_{key}",
                    _("Tick the consent as well, or leave the group unticked."),
                )
        return data

    def chosen(self) -> tuple[list, list]:
        """(ordinary groups, sensitive groups with explicit consent) from the cleaned data."""
        data = self.cleaned_data
        ordinary = [self.ordinary[k] for k in data.get("groups", []) if k in self.ordinary]
        sensitive = [
            g
            for k, g in self.sensitive.items()
            if data.get(f"sensitive_{k}") and data.get(f"consent_{k}")
        ]
        return ordinary, sensitive
