"""The sitemap: every live public page in every language, with the address it is served at."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PageSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's own tree; translations live in sibling trees."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_site = Q(pk__in=[])
        for path in roots.values_list("path", flat=True):
            in_site |= Q(path__startswith=path)
        return (
            Page.objects.filter(in_site)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            path = item.get_url(self.request)
            if not path:
                continue
            if path.startswith("/"):
                # Site.hostname is a placeholder ("localhost"): use the host the request came to.
                base = (
                    self.request.build_absolute_uri("/")
                    if self.request
                    else settings.SITE_URL + "/"
                )
                path = base.rstrip("/") + path
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append({"item": item, "location": path, "lastmod": lastmod})
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
