from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("accessibility-feedback/", views.accessibility_feedback, name="accessibility-feedback"),
    path("account/customer-groups/", views.customer_groups, name="customer-groups"),
    path(
        "account/customer-groups/remove/",
        views.customer_groups_remove,
        name="customer-groups-remove",
    ),
]
