from django.urls import path

from amane.inbox import views

urlpatterns = [
    path("", views.inbox_list, name="inbox"),
    path("audit/", views.unit_audit, name="inbox_audit"),
    path("reports/<str:public_id>/", views.inbox_report, name="inbox_report"),
    path("messages/photos/<str:photo_public_id>.jpg", views.message_photo, name="inbox_message_photo"),
]
