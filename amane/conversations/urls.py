from django.urls import path

from amane.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.thread, name="thread"),
    path("reply/", views.reply, name="reply"),
    path("close/", views.close, name="close"),
    path("photos/<str:photo_public_id>.jpg", views.photo, name="photo"),
]
