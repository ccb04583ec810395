"""Residents sign up to test a running pilot in a slot, and cancel; the team offers slots
from the pilot workspace."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from cms.localize import ItemChoiceField, originals
from cms.models import CustomerGroup
from marketplace import rules
from marketplace.models import TesterSignup, TesterSlot
from marketplace.selectors import testers as tester_selectors
from marketplace.services import breakdowns
from marketplace.services import testers as tester_services
from marketplace.services.common import MarketplaceError


class TesterSignupForm(forms.Form):
    slot = forms.ModelChoiceField(
        label=pgettext_lazy("testing", "Time"),
        queryset=TesterSlot.objects.none(),
        widget=forms.RadioSelect,
    )
    access_needs = forms.CharField(
        label=gettext_lazy("Access needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=TesterSignup._meta.get_field("access_needs").help_text,
    )
    phone = forms.CharField(label=gettext_lazy("Phone (optional)"), required=False, max_length=40)
    may_contact = forms.BooleanField(
        label=gettext_lazy("The pilot's team may contact me about the testing."), required=False
    )
    customer_group = ItemChoiceField(
        label=gettext_lazy("I belong to (optional)"),
        queryset=CustomerGroup.objects.none(),
        required=False,
        empty_label=gettext_lazy("I prefer not to say"),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        open_ids = [s.pk for s in slots if s.left > 0]
        self.fields["slot"].queryset = TesterSlot.objects.filter(pk__in=open_ids)
        labels = {s.pk: s for s in slots}
        self.fields["slot"].label_from_instance = lambda slot: slot_label(labels.get(slot.pk, slot))
        # Sensitive groups are never asked here: only on one's own statement, with consent.
        self.fields["customer_group"].queryset = originals(
            CustomerGroup.objects.filter(sensitive=False)
        )


def slot_label(slot) -> str:
    left = getattr(slot, "left", None)
    when = (
        f"{date_format(localtime(slot.starts_at), 'SHORT_DATETIME_FORMAT')}"
        f"–{time_format(localtime(slot.ends_at))}"
    )
    text = f"{slot.get_mode_display()}, {when}"
    if left is not None:
        text += " · " + _("places left: %(count)d") % {"count": left}
    return text


class TesterSlotForm(forms.ModelForm):
    class Meta:
        model = TesterSlot
        fields = list(tester_services.SLOT_FIELDS)
        widgets = {
            "mode": forms.RadioSelect,
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = TesterSlot.Mode.choices

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


def _back(pilot):
    return redirect(pilot.get_absolute_url() + "#testing")


@require_POST
@login_required
def tester_signup(request, pk):
    from marketplace.views import pilots as pilot_views  # same app; pilots imports this module

    pilot = pilot_views.pilot_or_404(pk)
    if not rules.can_view_pilot(request.user, pilot):
        raise Http404
    if not rules.can_sign_up_to_test(request.user, pilot):
        messages.error(request, _("Verified residents can sign up while the pilot runs."))
        return _back(pilot)
    form = TesterSignupForm(request.POST, slots=tester_selectors.slots_of(pilot))
    if form.is_valid():
        data = form.cleaned_data
        try:
            tester_services.signup_create(user=request.user, **data)
        except MarketplaceError as error:
            messages.error(request, error.message)
            return _back(pilot)
        messages.success(request, _("Thank you! You are signed up to test the pilot."))
        return _back(pilot)
    if "slot" in form.errors and request.POST.get("slot"):
        messages.error(request, _("Sorry, this time is full. Choose another time."))
    return pilot_views.pilot_detail(request, pk, tester_form=form)


@require_POST
@login_required
def tester_cancel(request, signup_pk):
    signup = get_object_or_404(TesterSignup.objects.select_related("slot__pilot"), pk=signup_pk)
    if not rules.can_cancel_tester_signup(request.user, signup):
        raise Http404
    tester_services.signup_cancel(signup=signup)
    messages.success(request, _("Your sign-up was cancelled."))
    return _back(signup.slot.pilot)


def testing_context(request, pilot, *, tester_form=None) -> dict:
    """The pilot page's testing section: slots, the sign-up form, one's own sign-ups."""
    slots = tester_selectors.slots_of(pilot)
    can_sign_up = rules.can_sign_up_to_test(request.user, pilot)
    if can_sign_up and tester_form is None and any(s.left for s in slots):
        tester_form = TesterSignupForm(slots=slots)
    return {
        "testing_open": rules.is_testing_open(pilot),
        "tester_slots": slots,
        "tester_form": tester_form if can_sign_up else None,
        "own_signups": tester_selectors.own_signups(request.user, pilot),
    }


def workspace_testing_context(pilot, *, slot_form=None) -> dict:
    """The workspace's testing section: slots, contactable sign-ups, counts, the breakdown."""
    return {
        "tester_slots": tester_selectors.slots_of(pilot),
        "slot_form": slot_form or TesterSlotForm(prefix="slot"),
        "testers": tester_selectors.team_view(pilot),
        "tester_breakdown": breakdowns.pilot_testers(pilot),
    }


@require_POST
def tester_slot_add(request, pk):
    from marketplace.views import workspace as workspace_views  # same app

    pilot = workspace_views.workspace_pilot(request, pk)
    if not rules.can_manage_tester_slots(request.user, pilot):
        raise Http404
    form = TesterSlotForm(request.POST, prefix="slot")
    if form.is_valid():
        tester_services.slot_create(pilot=pilot, by=request.user, **form.cleaned_data)
        messages.success(request, _("Testing time added."))
        return redirect("marketplace:pilot-workspace", pilot.pk)
    return workspace_views.render_workspace(request, pilot, slot_form=form, status=400)
