from django.contrib import admin
from django.urls import include, path

from amane.api import api
from amane.core.views import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("api/v1/", api.urls),
    path("tiles/", include("amane.tiles.urls")),
    path("accounts/", include("amane.accounts.urls")),
    path("inbox/", include("amane.inbox.urls")),
    path("associations/", include("amane.associations.urls")),
    path("", include("amane.announcements.urls")),
    path("", include("amane.blackspots.urls")),
    path("track/thread/", include("amane.conversations.urls")),
    path("", include("amane.directory.urls")),
    path("", include("amane.meetings.urls")),
    path("", include("amane.flags.urls")),
    path("", include("amane.analytics.urls")),
    path("", include("amane.web.urls")),
]

handler400 = "amane.core.error_views.bad_request"
handler403 = "amane.core.error_views.permission_denied"
handler404 = "amane.core.error_views.page_not_found"
handler500 = "amane.core.error_views.server_error"
