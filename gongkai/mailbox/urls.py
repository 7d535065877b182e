from django.urls import path

from gongkai.mailbox import views

app_name = "mailbox"

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("write/", views.write, name="write"),
    path("lookup/", views.lookup, name="lookup"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("public/<str:number>/", views.public_letter, name="public_letter"),
    path("letters/<str:number>/", views.status, name="status"),
    path("letters/<str:number>/rate/", views.rate, name="rate"),
    path("letters/<str:number>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<str:number>/", views.staff_letter, name="staff_letter"),
    path("staff/<str:number>/<str:verb>/", views.staff_step, name="staff_step"),
]
