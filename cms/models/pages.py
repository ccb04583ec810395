"""The site's pages other than challenges: home, standard pages and the challenge index."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock


class FallbackRouteMixin:
    """Routes to the original page when the active language has no (live) translation.

    `/sv/challenges/x/` serves the Swedish translation of challenge x when it is live, else the
    original in the default language (Finnish), so links work in every language.
    """

    def route(self, request, path_components):
        if path_components:
            child_slug, remaining = path_components[0], path_components[1:]
            child = self.get_children().filter(slug=child_slug).first()
            if child is not None:
                child._cached_parent_obj = self
                try:
                    return child.specific.route(request, remaining)
                except Http404:
                    pass
            from cms.cache import default_locale

            default = default_locale()
            if self.locale_id != default.pk:
                original = self.get_translation_or_none(default)
                if original is not None:
                    child = original.get_children().filter(slug=child_slug).first()
                    if child is not None:
                        return child.specific.route(request, remaining)
            raise Http404
        return super().route(request, path_components)


class HomePage(FallbackRouteMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "intro", "body"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """Information pages: accessibility statement, privacy notice, about."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(
        _("show in footer"), default=False, help_text=_("Link this page from every page's footer.")
    )
    accessibility_feedback = models.BooleanField(
        _("accessibility feedback form"),
        default=False,
        help_text=_(
            "Show the accessibility feedback form (for the accessibility statement). "
            "Messages are e-mailed to the accessibility contact and not stored."
        ),
    )

    content_panels = [*Page.content_panels, "summary", "body"]
    promote_panels = [*Page.promote_panels, "show_in_footer", "accessibility_feedback"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.accessibility_feedback:
            from cms.forms import AccessibilityFeedbackForm

            context["feedback_form"] = AccessibilityFeedbackForm(
                initial={"page_url": request.GET.get("page", "")}
            )
            context["feedback_contact"] = settings.ACCESSIBILITY_FEEDBACK_EMAIL
        return context

    class Meta:
        verbose_name = _("standard page")


class ChallengeIndexPage(RoutablePageMixin, FallbackRouteMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = ["cms.ChallengePage"]

    class Meta:
        verbose_name = _("challenge index")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import challenge_listing  # selectors import the models

        context = super().get_context(request, *args, **kwargs)
        context.update(challenge_listing(index=self, data=request.GET, request=request))
        return context

    @path("feed/rss/", name="feed-rss")
    def rss_feed(self, request):
        from cms.feeds import ChallengeRssFeed

        return ChallengeRssFeed(self)(request)

    @path("feed/atom/", name="feed-atom")
    def atom_feed(self, request):
        from cms.feeds import ChallengeAtomFeed

        return ChallengeAtomFeed(self)(request)
