from django.urls import path

from amane.meetings import views

urlpatterns = [
    path("meetings/", views.my_meetings, name="meetings"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/invitations/", views.invitations, name="meeting_invitations"),
    path("meetings/<str:public_id>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<str:public_id>/", views.meeting_detail, name="meeting"),
    path("recommendations/<str:public_id>/", views.recommendation_detail, name="recommendation"),
    path("communes/<str:code>/accountability/", views.commune_accountability, name="commune_accountability"),
    path("units/<str:code>/accountability/", views.unit_accountability, name="unit_accountability"),
]
