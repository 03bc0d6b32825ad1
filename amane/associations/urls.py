from django.urls import path

from amane.associations import views

urlpatterns = [
    path("", views.associations_list, name="associations"),
    path("register/", views.association_register, name="association_register"),
    path("to-decide/", views.associations_to_decide, name="associations_to_decide"),
    path("join/<str:token>/", views.association_join, name="association_join"),
    path("corroborate/<str:public_id>/", views.report_corroborate, name="report_corroborate"),
    path("<slug:slug>/", views.association_detail, name="association"),
    path("<slug:slug>/decision/", views.association_decision, name="association_decision"),
    path("<slug:slug>/invite/", views.association_invite, name="association_invite"),
]
