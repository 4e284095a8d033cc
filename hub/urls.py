"""URL configuration: Wagtail admin, documents, search, then the page tree."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub.media_views import serve_media

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# What learners and managers read, in their language: English at the URLs it
# always had, Portuguese and Spanish under /pt-br/ and /es/ (P12).
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("email/", include("boosters.public_urls")),
    path("learn/", include("boosters.learner_urls")),
    path("community/", include("community.urls")),
    path("managers/", include("community.managers.urls")),
    path("pulse/", include("community.pulse.urls")),
    path("live-sessions/", include("live_sessions.urls")),
    prefix_default_language=False,
)

if settings.DEBUG or getattr(settings, "HUB_SERVE_MEDIA", False):
    # Uploaded media straight from disk, with HTTP range support so a browser can
    # seek in a screencast. In production a web server or object store does this.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media, name="media"),
    ]

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
