from django.urls import path

from amane.flags import views

app_name = "flags"

urlpatterns = [
    path("flag/", views.flag, name="flag"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/cases/<int:case_id>/decide", views.decide, name="decide"),
    path("moderation/photos/", views.photos, name="photos"),
    path("moderation/photos/<str:public_id>/review", views.review_photo, name="review_photo"),
    path("moderation/photos/<str:public_id>.jpg", views.photo, name="photo"),
]
