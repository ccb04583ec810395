from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
]
