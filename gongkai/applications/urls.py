from django.urls import path

from gongkai.applications import register, todo, views

app_name = "applications"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("status/", views.lookup, name="lookup"),
    path("status/<str:number>/", views.status, name="status"),
    path("status/<str:number>/correct/", views.correct, name="correct"),
    path("status/<str:number>/proof/", views.proof, name="proof"),
    path("status/<str:number>/replies/<int:reply_id>.pdf", views.reply_pdf, name="reply_pdf"),
    path("status/<str:number>/attachments/<int:attachment_id>/", views.reply_attachment, name="attachment"),
    path("register/", register.register_page, name="register"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_new, name="staff_new"),
    path("staff/todo/", todo.todo_page, name="todo"),
    path("staff/<str:number>/", views.staff_detail, name="staff_detail"),
    path("staff/<str:number>/reply/", views.staff_reply, name="staff_reply"),
    path("staff/<str:number>/remedy/", views.staff_remedy, name="staff_remedy"),
    path("staff/<str:number>/<str:verb>/", views.staff_step, name="staff_step"),
]
