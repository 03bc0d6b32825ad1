from django.urls import path

from amane.inbox import views

urlpatterns = [
    path("", views.inbox_list, name="inbox"),
    path("reports/<str:public_id>/", views.inbox_report, name="inbox_report"),
]
