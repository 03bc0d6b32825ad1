from django.urls import path

from amane.blackspots import views

urlpatterns = [
    path("black-spots/new/", views.declare, name="black_spot_declare"),
    path("black-spots/places/new/", views.place_new, name="sensitive_place_new"),
    path("black-spots/photos/<str:public_id>.jpg", views.photo, name="black_spot_photo"),
    path("black-spots/<str:public_id>/", views.detail, name="black_spot"),
    path("inbox/black-spots/", views.awaiting, name="black_spots_awaiting"),
]
