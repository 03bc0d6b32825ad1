from django.urls import path

from amane.accounts import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invite/", views.invite, name="invite"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
]
