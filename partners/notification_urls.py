from django.urls import path

from .views import notifications

app_name = "notifications"

urlpatterns = [
    path("notifications/", notifications.notification_list, name="list"),
    path("notifications/read/", notifications.mark_all_read, name="mark-read"),
    path("notifications/email/", notifications.email_preferences, name="preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.unsubscribe,
        name="unsubscribe",
    ),
]
