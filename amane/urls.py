from django.contrib import admin
from django.urls import include, path

from amane.api import api
from amane.core.views import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("api/v1/", api.urls),
    path("", include("amane.web.urls")),
]
