from django.urls import path

from amane.analytics import downloads, views

urlpatterns = [
    path("observatory/", views.observatory, name="observatory"),
    path("observatory/hotspots.csv", views.hotspots_csv, name="observatory_hotspots_csv"),
    path("observatory/hotspots.geojson", views.hotspots_geojson, name="observatory_hotspots_geojson"),
    path("observatory/trends.csv", views.trends_csv, name="observatory_trends_csv"),
    path("observatory/<str:code>/", views.observatory, name="observatory_area"),
    path("observatory/<str:code>/hotspots.csv", views.hotspots_csv, name="observatory_area_hotspots_csv"),
    path("observatory/<str:code>/hotspots.geojson", views.hotspots_geojson, name="observatory_area_hotspots_geojson"),
    path("observatory/<str:code>/trends.csv", views.trends_csv, name="observatory_area_trends_csv"),
]
urlpatterns += downloads.urlpatterns
