from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("accessibility-feedback/", views.accessibility_feedback, name="accessibility-feedback"),
]
