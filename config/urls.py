from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router
from .openapi import schema_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v2/", api_router.urls),
    path("api/schema/", schema_view, name="openapi_schema"),
    path("api/", include("search.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Dutch at /, English at /en/…; app views before Wagtail's catch-all page serving.
urlpatterns += i18n_patterns(
    path("", include("members.urls")),
    path("", include("events.urls")),
    path("", include("quickscan.urls")),
    path("", include("search.urls")),
    path("", include("practices.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
