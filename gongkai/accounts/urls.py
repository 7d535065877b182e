from django.urls import path

from gongkai.accounts import views

app_name = "staff"

urlpatterns = [
    path("otp/", views.second_factor, name="otp"),
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
]
