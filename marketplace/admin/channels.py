"""Staff's ways in for feedback that did not come from the web form: entering a person's
feedback on their behalf (by phone or in person, with consent) and importing paper or kiosk
feedback from a CSV file, with its validation report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from marketplace import rules
from marketplace.channel_forms import AssistedFeedbackForm, FeedbackImportForm
from marketplace.models import ImportBatch, Pilot
from marketplace.services import channels as channel_services
from marketplace.services import imports as import_services
from marketplace.services.feedback import FeedbackError
from partners.admin_access import RuleMenuItem
from partners.channels import Channel


class RuleView(WagtailAdminTemplateMixin):
    rule = staticmethod(rules.can_import_feedback)

    def dispatch(self, request, *args, **kwargs):
        if not self.rule(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]


class OnBehalfView(RuleView, FormView):
    """Pilot feedback a person gave by phone or in person, entered by staff with consent."""

    rule = staticmethod(rules.can_enter_on_behalf)
    template_name = "marketplace/admin/on_behalf.html"
    form_class = AssistedFeedbackForm
    page_title = gettext_lazy("Enter feedback on a person's behalf")
    header_icon = "comment"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        pilots = Pilot.objects.filter(published=True).order_by("title")
        chosen = pilots.filter(pk=self.request.POST.get("pilot") or 0).first()
        return {**kwargs, "pilots": pilots, "pilot": chosen}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            channel_services.feedback_record(
                pilot=data["pilot"],
                channel=Channel.ASSISTED,
                rating=data["rating"],
                comment=data["comment"],
                customer_group=data["customer_group"],
                reply_email=data["reply_email"],
                entered_by=self.request.user,
                entry_consent=data["entry_consent"],
                person_name=data["person_name"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        except FeedbackError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The feedback was entered on the person's behalf."))
        return redirect("pilot_feedback:index")


class ImportView(RuleView, FormView):
    template_name = "marketplace/admin/feedback_import.html"
    form_class = FeedbackImportForm
    page_title = gettext_lazy("Import paper or kiosk feedback")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        batches = ImportBatch.objects.select_related("created_by")[:20]
        return super().get_context_data(batches=batches, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            batch = import_services.feedback_import(
                file_name=upload.name,
                data=upload.read(),
                channel=form.cleaned_data["channel"],
                by=self.request.user,
            )
        except import_services.ImportFileError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("feedback_channels:import-report", batch.pk)


class ImportReportView(RuleView, TemplateView):
    template_name = "marketplace/admin/feedback_import_report.html"
    page_title = gettext_lazy("Feedback import report")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        batch = get_object_or_404(
            ImportBatch.objects.select_related("created_by"), pk=self.kwargs["pk"]
        )
        return super().get_context_data(batch=batch, **kwargs)


def import_template(request):
    if not rules.can_import_feedback(request.user):
        raise PermissionDenied
    response = HttpResponse(import_services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tori-feedback-import.csv"'
    return response


@hooks.register("register_admin_urls")
def register_channel_admin_urls():
    urls = [
        path("on-behalf/", OnBehalfView.as_view(), name="on-behalf"),
        path("import/", ImportView.as_view(), name="import"),
        path("import/<int:pk>/", ImportReportView.as_view(), name="import-report"),
        path("import/template.csv", import_template, name="import-template"),
    ]
    return [
        path(
            "feedback-channels/",
            include((urls, "feedback_channels"), namespace="feedback_channels"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return RuleMenuItem(
        gettext_lazy("Import feedback"),
        reverse("feedback_channels:import"),
        icon_name="upload",
        order=356,
        rule=rules.can_import_feedback,
    )


@hooks.register("register_log_actions")
def register_channel_log_actions(actions):
    actions.register_action(
        channel_services.ENTERED_ON_BEHALF_ACTION,
        gettext_lazy("Entered on a person's behalf"),
        gettext_lazy("Feedback entered by staff on a person's behalf, with consent"),
    )
