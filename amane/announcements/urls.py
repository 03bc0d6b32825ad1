from django.urls import path

from amane.announcements import feeds, views

urlpatterns = [
    path("announcements/manage/", views.manage_list, name="announcement_manage"),
    path("announcements/manage/new/", views.manage_new, name="announcement_new"),
    path("announcements/manage/<str:public_id>/edit/", views.manage_edit, name="announcement_edit"),
    path("announcements/manage/<str:public_id>/withdraw/", views.manage_withdraw, name="announcement_withdraw"),
    path("announcements/<str:public_id>/", views.announcement_detail, name="announcement"),
    path("feeds/communes/<str:code>.atom", feeds.CommuneFeed(), name="commune_feed"),
    path("feeds/provinces/<str:code>.atom", feeds.ProvinceFeed(), name="province_feed"),
]
