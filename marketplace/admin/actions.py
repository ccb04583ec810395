"""Viewsets whose rows staff act on only through action URLs (no add or edit views)."""

from wagtail.admin.admin_url_finder import ModelAdminURLFinder


class ActionOnlyViewSetMixin:
    """No add or edit views: staff act on rows only through the viewset's action URLs."""

    kept_views = {
        "index",
        "index_results",
        "delete",
        "history",
        "history_results",
        "usage",
        "inspect",
    }

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(add_url_name=None, edit_url_name=None, **kwargs)

    @property
    def url_finder_class(self):
        # No edit view: "usage" listings (e.g. a pilot's) link to the inspect view instead.
        return type(
            "_InspectURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def action_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name in self.kept_views]
        return [*patterns, *self.action_urlpatterns()]
