from django.urls import path

from . import notification_views as views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.mark_all_read, name="mark-read"),
    path("notifications/email/", views.email_preferences, name="preferences"),
]
