"""Public pilot pages: the list, one pilot, and residents' feedback given on its page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import rules
from marketplace.filters import PilotFilter
from marketplace.forms import (
    FeedbackForm,
    FeedbackReportForm,
)
from marketplace.models import Feedback, Pilot
from marketplace.selectors import feedback as feedback_selectors
from marketplace.selectors import pilots as pilot_selectors
from marketplace.services import feedback as feedback_services
from partners.channels import Channel
from partners.pagination import page_or_404

from .testers import testing_context


def pilot_or_404(pk, *, detail=False) -> Pilot:
    try:
        return (
            pilot_selectors.pilot_detail(pk) if detail else pilot_selectors.pilots_base().get(pk=pk)
        )
    except Pilot.DoesNotExist as missing:
        raise Http404 from missing


def pilot_list(request):
    filterset = PilotFilter(request.GET or None, queryset=pilot_selectors.published_pilots())
    qs = (
        filterset.qs
        if filterset.is_bound and filterset.is_valid()
        else pilot_selectors.published_pilots()
    )
    page = page_or_404(Paginator(qs, 20), request)
    page.object_list = pilot_selectors.with_first_photos(page.object_list)
    return render(request, "marketplace/pilot_list.html", {"filter": filterset, "page_obj": page})


def pilot_detail(request, pk, *, feedback_form=None, tester_form=None):
    pilot = pilot_or_404(pk, detail=True)
    if not rules.can_view_pilot(request.user, pilot):
        raise Http404
    own = feedback_selectors.feedback_of(request.user, pilot)
    can_feedback = rules.can_give_feedback(request.user, pilot)
    if can_feedback and feedback_form is None:
        feedback_form = FeedbackForm(instance=own, pilot=pilot)
    return render(
        request,
        "marketplace/pilot_detail.html",
        {
            "pilot": pilot,
            "milestones": pilot.milestones.all(),
            "indicators": pilot.indicators.all(),
            "summary": feedback_selectors.feedback_summary(pilot),
            "feedback_list": feedback_selectors.visible_feedback(pilot),
            "own_feedback": own,
            "feedback_form": feedback_form if can_feedback else None,
            "feedback_open": rules.is_feedback_open(pilot),
            "can_work": rules.can_work_on_pilot(request.user, pilot),
            "show_proposal_link": rules.can_link_proposal(pilot),
            **testing_context(request, pilot, tester_form=tester_form),
        },
        status=400
        if any(f is not None and f.is_bound for f in (feedback_form, tester_form))
        else 200,
    )


@require_POST
@login_required
def feedback_give(request, pk):
    pilot = pilot_or_404(pk)
    if not rules.can_view_pilot(request.user, pilot):
        raise Http404
    if not rules.can_give_feedback(request.user, pilot):
        messages.error(
            request,
            _("Feedback can be given by verified residents while the pilot runs or is evaluated."),
        )
        return redirect(pilot.get_absolute_url())
    own = feedback_selectors.feedback_of(request.user, pilot)
    form = FeedbackForm(request.POST, instance=own, pilot=pilot)
    if form.is_valid():
        try:
            feedback_services.feedback_give(
                pilot=pilot,
                user=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                customer_group=form.cleaned_data["customer_group"],
                channel=Channel.WEB,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except feedback_services.FeedbackError as error:
            messages.error(request, error.message)
            return redirect(pilot.get_absolute_url())
        else:
            messages.success(
                request,
                _("Thank you! Your feedback was saved.")
                if own is None
                else _("Your feedback was updated."),
            )
            return redirect(pilot.get_absolute_url() + "#feedback")
    return pilot_detail(request, pk, feedback_form=form)


@login_required
def feedback_report(request, pk):
    feedback = get_object_or_404(Feedback.objects.select_related("pilot", "pilot__proposal"), pk=pk)
    if not rules.can_view_pilot(request.user, feedback.pilot) or feedback.is_hidden:
        raise Http404
    if not rules.can_report_feedback(request.user, feedback):
        messages.error(request, _("You cannot report this feedback."))
        return redirect(feedback.pilot.get_absolute_url())
    form = FeedbackReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback_services.feedback_report(
            feedback=feedback, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you. A moderator will look at the feedback."))
        return redirect(feedback.pilot.get_absolute_url() + "#feedback")
    return render(request, "marketplace/feedback_report.html", {"feedback": feedback, "form": form})
