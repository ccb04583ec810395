"""Staff enter a vote, an idea or a comment on a person's behalf (by phone or in person, with
the person's consent), in the Wagtail admin. One page lists every kind of entry, pilot
feedback included; each form goes through `ideas.services.assisted`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms.localize import originals
from cms.models import ChallengePage
from partners import rules as partner_rules
from partners.admin_access import RuleMenuItem
from partners.services.assisted import OnBehalfRefused

from ..assisted_forms import CommentOnBehalfForm, IdeaOnBehalfForm, VoteOnBehalfForm
from ..models import Proposal
from ..rules import confidential as confidential_rules
from ..rules.proposals import proposals_open
from ..services import assisted
from ..services.proposals import ProposalError
from ..services.votes import Outcome, VoteRefused


def idea_challenges():
    """Challenges taking ideas from individuals now, in the default language."""
    challenges = originals(ChallengePage.objects.live().filter(individuals_may_submit=True))
    return [c for c in challenges.order_by("title") if proposals_open(c)]


def voting_proposals():
    """Public proposals of challenges whose voting is open now."""
    now = timezone.now()
    return (
        Proposal.objects.public()
        .filter(challenge__voting_open__lte=now, challenge__voting_close__gt=now)
        .select_related("challenge")
        .order_by("challenge__title", "title")
    )


def commentable_proposals():
    """Public proposals of challenges not yet closed (after closing, a comment reaches no one)."""
    now = timezone.now()
    return (
        Proposal.objects.public()
        .filter(Q(challenge__pilots_end__isnull=True) | Q(challenge__pilots_end__gt=now))
        .select_related("challenge")
        .order_by("challenge__title", "title")
    )


class StaffView(WagtailAdminTemplateMixin):
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not partner_rules.can_enter_on_behalf(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*super().get_breadcrumbs_items()]
        if self.page_title != IndexView.page_title:
            items.append({"url": reverse("assisted:index"), "label": IndexView.page_title})
        return [*items, {"url": "", "label": self.page_title}]


class IndexView(StaffView, TemplateView):
    template_name = "ideas/admin/assisted_index.html"
    page_title = gettext_lazy("Enter for a person")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            challenges=idea_challenges(), voting=voting_proposals().exists(), **kwargs
        )


class EntryView(StaffView, FormView):
    """A form whose errors from the service are shown next to their field."""

    template_name = "ideas/admin/assisted_form.html"
    intro = ""
    submit_label = ""

    def person(self, data) -> dict:
        return {
            "by": self.request.user,
            "email": data["email"],
            "name": data["name"],
            "language": data["language"],
            "consent": data["entry_consent"],
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(intro=self.intro, submit_label=self.submit_label, **kwargs)

    def form_valid(self, form):
        try:
            message = self.enter(form.cleaned_data)
        except OnBehalfRefused as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        except VoteRefused as error:
            form.add_error("proposal", error.decision.message)
            return self.form_invalid(form)
        except ProposalError as error:
            form.add_error(None, str(error.message))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("assisted:index")


class VoteView(EntryView):
    form_class = VoteOnBehalfForm
    page_title = gettext_lazy("Enter a vote for a person")
    intro = gettext_lazy(
        "A vote counts once per person: if the person has already voted for the proposal, "
        "nothing changes. Their limit of votes in the challenge applies."
    )
    submit_label = gettext_lazy("Enter the vote")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposals": voting_proposals()}

    def enter(self, data):
        outcome, person = assisted.vote_on_behalf(proposal=data["proposal"], **self.person(data))
        if outcome is Outcome.ALREADY_VOTED:
            return _("%(name)s had already voted for this proposal: nothing changed.") % {
                "name": person.display_name
            }
        return _("The vote of %(name)s was entered.") % {"name": person.display_name}


class CommentView(EntryView):
    form_class = CommentOnBehalfForm
    page_title = gettext_lazy("Enter a comment for a person")
    intro = gettext_lazy("The comment is public and shown under the person's name.")
    submit_label = gettext_lazy("Enter the comment")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposals": commentable_proposals()}

    def enter(self, data):
        _comment, person = assisted.comment_on_behalf(
            proposal=data["proposal"], body=data["body"], **self.person(data)
        )
        return _("The comment of %(name)s was entered.") % {"name": person.display_name}


class IdeaView(EntryView):
    form_class = IdeaOnBehalfForm
    submit_label = gettext_lazy("Enter and submit the idea")
    intro = gettext_lazy(
        "The idea is the person's own: it is submitted at once under their name, as if they "
        "had sent it themselves."
    )

    def dispatch(self, request, *args, **kwargs):
        if not partner_rules.can_enter_on_behalf(request.user):
            raise PermissionDenied
        self.challenge = get_object_or_404(
            originals(ChallengePage.objects.live()), pk=kwargs["challenge_pk"]
        )
        if self.challenge not in idea_challenges():
            raise Http404
        self.terms = confidential_rules.current_terms(self.challenge)
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return _("Enter an idea for a person")

    def get_page_subtitle(self):
        return self.challenge.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "challenge": self.challenge, "terms": self.terms}

    def get_context_data(self, **kwargs):
        terms_url = (
            reverse("ideas:challenge-terms", kwargs={"challenge_pk": self.challenge.pk})
            if self.terms is not None
            else ""
        )
        return super().get_context_data(terms_url=terms_url, **kwargs)

    def enter(self, data):
        _idea, person = assisted.idea_on_behalf(
            challenge=self.challenge,
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            customer_groups=data["customer_groups"],
            idea_language=data["idea_language"],
            publication_consent=data.get("publication_consent", False),
            accept_terms=data.get("accept_terms", False),
            terms_version=data.get("terms_version"),
            **self.person(data),
        )
        return _("The idea of %(name)s was entered and submitted.") % {"name": person.display_name}


@hooks.register("register_admin_urls")
def register_assisted_urls():
    urls = [
        path("", IndexView.as_view(), name="index"),
        path("vote/", VoteView.as_view(), name="vote"),
        path("comment/", CommentView.as_view(), name="comment"),
        path("idea/<int:challenge_pk>/", IdeaView.as_view(), name="idea"),
    ]
    return [path("for-a-person/", include((urls, "assisted"), namespace="assisted"))]


@hooks.register("register_admin_menu_item")
def register_assisted_menu_item():
    return RuleMenuItem(
        pgettext_lazy("admin menu", "For a person"),
        reverse("assisted:index"),
        icon_name="user",
        order=355,
        rule=partner_rules.can_enter_on_behalf,
    )


@hooks.register("register_log_actions")
def register_assisted_log_actions(actions):
    actions.register_action(
        assisted.ENTERED_ON_BEHALF_ACTION,
        gettext_lazy("Entered on a person's behalf"),
        gettext_lazy("Entered by staff on a person's behalf, with consent"),
    )
