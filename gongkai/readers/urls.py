from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from gongkai.readers import views
from gongkai.readers.feeds import ReaderFeed

app_name = "accounts"

urlpatterns = [
    path("", views.center, name="center"),
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    path("confirm/resend/", views.confirm_resend, name="confirm_resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/reset/", views.PasswordReset.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="readers/password_reset_done.html"), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="readers/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete")), name="password_reset_confirm"),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name="readers/password_reset_complete.html"), name="password_reset_complete"),
    path("favourites/<int:document_id>/add/", views.favourite_add, name="favourite_add"),
    path("favourites/<int:document_id>/remove/", views.favourite_remove, name="favourite_remove"),
    path("history/clear/", views.history_clear, name="history_clear"),
    path("subscriptions/add/", views.subscription_add, name="subscription_add"),
    path("subscriptions/<int:subscription_id>/remove/", views.subscription_remove,
         name="subscription_remove"),
    path("delete/", views.delete_account, name="delete"),
    path("feed/rotate/", views.feed_rotate, name="feed_rotate"),
    path("feed/<str:token>/", ReaderFeed(), name="feed"),
]
