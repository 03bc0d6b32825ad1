from django.urls import path

from amane.analytics import downloads, views

urlpatterns = [
    path("observatory/", views.observatory, name="observatory"),
    path("observatory/hotspots.csv", views.hotspots_csv, name="observatory_hotspots_csv"),
    path("observatory/hotspots.geojson", views.hotspots_geojson, name="observatory_hotspots_geojson"),
    path("observatory/density.csv", views.density_csv, name="observatory_density_csv"),
    path("observatory/density.geojson", views.density_geojson, name="observatory_density_geojson"),
    path("observatory/emerging.csv", views.emerging_csv, name="observatory_emerging_csv"),
    path("observatory/emerging.geojson", views.emerging_geojson, name="observatory_emerging_geojson"),
    path("observatory/records.csv", views.records_csv, name="observatory_records_csv"),
    path("observatory/trends.csv", views.trends_csv, name="observatory_trends_csv"),
    path("observatory/unit/<str:unit_code>/", views.unit_observatory, name="observatory_unit"),
    path(
        "observatory/unit/<str:unit_code>/hotspots.csv", views.unit_hotspots_csv, name="observatory_unit_hotspots_csv"
    ),
    path(
        "observatory/unit/<str:unit_code>/hotspots.geojson",
        views.unit_hotspots_geojson,
        name="observatory_unit_hotspots_geojson",
    ),
    path("observatory/unit/<str:unit_code>/trends.csv", views.unit_trends_csv, name="observatory_unit_trends_csv"),
    path("observatory/<str:code>/", views.observatory, name="observatory_area"),
    path("observatory/<str:code>/hotspots.csv", views.hotspots_csv, name="observatory_area_hotspots_csv"),
    path("observatory/<str:code>/hotspots.geojson", views.hotspots_geojson, name="observatory_area_hotspots_geojson"),
    path("observatory/<str:code>/density.csv", views.density_csv, name="observatory_area_density_csv"),
    path("observatory/<str:code>/density.geojson", views.density_geojson, name="observatory_area_density_geojson"),
    path("observatory/<str:code>/emerging.csv", views.emerging_csv, name="observatory_area_emerging_csv"),
    path("observatory/<str:code>/emerging.geojson", views.emerging_geojson, name="observatory_area_emerging_geojson"),
    path("observatory/<str:code>/records.csv", views.records_csv, name="observatory_area_records_csv"),
    path("observatory/<str:code>/trends.csv", views.trends_csv, name="observatory_area_trends_csv"),
]
urlpatterns += downloads.urlpatterns
