from django.urls import path

from amane.tiles import views

urlpatterns = [
    path("<int:z>/<int:x>/<int:y>.<str:ext>", views.tile, name="tile"),
]
