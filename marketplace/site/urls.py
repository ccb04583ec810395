"""Root URLs: language-prefixed public pages, the Wagtail admin, the API."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import PageSitemap
from marketplace.site.branding import FaviconView, branding_css
from partners.admin_access import ruled_admin_urlpatterns

urlpatterns = [
    # Each admin view asks the role rules first (evaluators reach only their dashboard).
    path("admin/", include(ruled_admin_urlpatterns(wagtailadmin_urls.urlpatterns))),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
    path("api/v1/", include("marketplace.api.urls")),
    path("branding.css", branding_css, name="branding-css"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", include("partners.urls")),
    path("", include("partners.notification_urls")),
    path("", include("partners.follow_urls")),
    path("", include("ideas.urls")),
    path("", include("marketplace.urls")),
    path("", include("search.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "marketplace.site.errors.bad_request"
handler403 = "marketplace.site.errors.permission_denied"
handler404 = "marketplace.site.errors.page_not_found"
handler500 = "marketplace.site.errors.server_error"
