"""Staff admin for the cms: customer groups and themes as translatable snippets; the approval
workflow on new challenge index pages."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ChallengeIndexPage, CustomerGroup, Theme
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
    panels = ["name", "slug", "description", "needs"]


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


@hooks.register("after_create_page")
def add_challenge_workflow(request, page):
    """Challenges under a new challenge index (in any language) need a moderator's approval."""
    if isinstance(page.specific_deferred, ChallengeIndexPage):
        assign_challenge_workflow(page)


@hooks.register("after_publish_page")
def add_challenge_workflow_on_publish(request, page):
    """Translations of a challenge index are created by simple_translation, then published."""
    if isinstance(page.specific_deferred, ChallengeIndexPage):
        assign_challenge_workflow(page)
