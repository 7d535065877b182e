from django.urls import path

from gongkai.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
