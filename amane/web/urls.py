from django.urls import path

from amane.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report_new, name="report_new"),
    path("report/received/", views.report_received, name="report_received"),
    path("track/", views.track, name="track"),
    path("reports/<str:public_id>/", views.report_detail, name="report_detail"),
    path("communes/<str:code>/", views.commune_detail, name="commune"),
    path("communes/<str:code>/summary.json", views.commune_summary, name="commune_summary"),
    path("photos/<str:public_id>.jpg", views.photo, name="photo"),
    path("photos/<str:public_id>/thumb.jpg", views.photo_thumbnail, name="photo_thumbnail"),
    path("about/", views.about, name="about"),
]
