from django.urls import path

from gongkai.consultations import staff

app_name = "consultations_staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("new/", staff.new, name="new"),
    path("<int:pk>/", staff.desk, name="desk"),
    path("<int:pk>/comments/<int:comment_id>/", staff.moderate, name="moderate"),
    path("<int:pk>/close/", staff.close, name="close"),
    path("<int:pk>/groups/", staff.group, name="group"),
    path("<int:pk>/feedback/", staff.feedback, name="feedback"),
    path("<int:pk>/final/", staff.final, name="final"),
]
