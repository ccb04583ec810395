"""The official answer view: staff post the city's answer to a proposal in the Wagtail admin
(its URL is registered with the proposal viewset in proposals.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..forms import OfficialAnswerForm
from ..models import Proposal
from ..rules import proposals as proposal_rules
from ..services import answers as answer_services
from ..services import proposals as proposal_services


class OfficialAnswerView(WagtailAdminTemplateMixin, FormView):
    """Staff post the city's answer to a proposal: public, translated, told to followers."""

    template_name = "ideas/admin/official_answer.html"
    form_class = OfficialAnswerForm
    page_title = _("Official answer")
    header_icon = "comment"

    def dispatch(self, request, pk):
        self.proposal = get_object_or_404(Proposal.objects.select_related("challenge"), pk=pk)
        if not proposal_rules.can_post_official_answer(request.user, self.proposal):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.proposal.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("ideas_proposal:index"), "label": _("Proposals")},
            {"url": "", "label": self.proposal.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.proposal
        context["answers"] = self.proposal.official_answers.select_related("author")
        return context

    def form_valid(self, form):
        try:
            answer_services.post_official_answer(
                proposal=self.proposal,
                by=self.request.user,
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"],
                translations=form.cleaned_data["translations"],
            )
        except proposal_services.ProposalError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The answer to “%(title)s” is published; its team and followers are told.")
            % {"title": self.proposal.title},
        )
        return redirect("ideas_proposal:index")
