"""Staff admin for the cms: customer groups and themes as translatable snippets; the approval
workflow on new challenge index pages; wagtail-localize's translation views kept within the
page permissions (docs/translating.md)."""

import django_filters
from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import MultiFieldPanel
from wagtail.models import DraftStateMixin, Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_localize.views.update_translations import UpdateTranslationsView

from partners import rules

from .models import ChallengeIndexPage, CustomerGroup, Theme, Unit
from .workflows import assign_challenge_workflow


class CustomerGroupFilterSet(WagtailFilterSet):
    slug = django_filters.CharFilter(label=pgettext_lazy("field", "slug"), lookup_expr="icontains")

    class Meta:
        model = CustomerGroup
        fields = ["slug"]


class ThemeFilterSet(WagtailFilterSet):
    slug = django_filters.CharFilter(label=pgettext_lazy("field", "slug"), lookup_expr="icontains")

    class Meta:
        model = Theme
        fields = ["slug"]


class CustomerGroupViewSet(SnippetViewSet):
    model = CustomerGroup
    icon = "group"
    menu_label = _("Customer groups")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "needs"]
    search_backend_name = None
    filterset_class = CustomerGroupFilterSet
    panels = ["name", "slug", "description", "needs", "channels", "barriers", "sensitive"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    filterset_class = ThemeFilterSet
    panels = ["name", "slug", "description"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (CustomerGroupViewSet, ThemeViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


class UnitViewSet(SnippetViewSet):
    """Organising units (docs/units-and-cities.md): translated side by side like the taxonomy."""

    model = Unit
    icon = "site"
    menu_label = _("Organising units")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "city"]
    list_filter = ["city"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    panels = [
        "name",
        "slug",
        "city",
        "description",
        MultiFieldPanel(["email", "phone", "website"], heading=_("Contact")),
        MultiFieldPanel(["logo", "logo_alt", "logo_decorative"], heading=_("Logo")),
        "colour",
    ]


register_snippet(UnitViewSet)


@hooks.register("after_create_page")
def add_challenge_workflow(request, page):
    """Challenges under a new challenge index (in any language) need a moderator's approval."""
    if isinstance(page.specific_deferred, ChallengeIndexPage):
        assign_challenge_workflow(page)


@hooks.register("after_publish_page")
def add_challenge_workflow_on_publish(request, page):
    """Translations of a challenge index are created as drafts by wagtail-localize, then
    published."""
    if isinstance(page.specific_deferred, ChallengeIndexPage):
        assign_challenge_workflow(page)


# wagtail-localize ---------------------------------------------------------------------------


def may_publish(user, instance) -> bool:
    """May `user` publish this page or snippet (a translation's target) directly?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return policy_registry.get_by_type(type(instance)).user_has_permission(user, "publish")
    return True  # snippets without drafts are saved live, as their edit view does


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages" form, whose "Publish immediately" would let an
    editor publish translated challenges past the approval workflow: here only someone who may
    publish every translation may tick it. Without it the sync only brings the original's new
    version to the translation editor, where the translations are published."""

    def post(self, request, **kwargs):
        if request.POST.get("publish_translations"):
            targets = [
                translation.get_target_instance()
                for translation in self.object.translations.filter(enabled=True)
            ]
            if not all(may_publish(request.user, target) for target in targets):
                messages.error(
                    request,
                    _(
                        "You cannot publish these translations. Update them without publishing. "
                        "A moderator publishes them."
                    ),
                )
                return self.render_to_response(self.get_context_data(**kwargs))
        return super().post(request, **kwargs)


@hooks.register("register_admin_urls")
def register_sync_translations_url():
    """Answers wagtail-localize's own sync address (cms's admin URLs come before
    wagtail_localize's: INSTALLED_APPS order)."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsView.as_view(),
            name="tori_update_translations",
        )
    ]


@hooks.register("construct_reports_menu")
def hide_reports_the_user_cannot_open(request, menu_items):
    """wagtail-localize shows its "Translations" report to everyone in the admin; an evaluator
    cannot open it (partners.rules.can_open_admin_view)."""
    if not rules.can_open_admin_view(request.user, "wagtail_localize:translations_report"):
        report = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report]
