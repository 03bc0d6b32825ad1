from django.urls import path

from amane.directory import views

urlpatterns = [
    path("communes/<str:code>/numbers.pdf", views.numbers_sheet, name="directory_sheet"),
    path("directory/", views.directory_home, name="directory"),
    path("directory/units/<str:unit_code>/", views.directory_unit, name="directory_unit"),
    path("directory/entries/<int:entry_id>/", views.directory_entry_edit, name="directory_entry"),
    path("directory/entries/<int:entry_id>/delete/", views.directory_entry_delete, name="directory_entry_delete"),
]
