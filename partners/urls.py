from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

app_name = "partners"

urlpatterns = [
    path("account/login/", auth_views.LoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/register/", TemplateView.as_view(template_name="base.html"), name="register"),
    path("account/", TemplateView.as_view(template_name="base.html"), name="profile"),
    path("organisations/", TemplateView.as_view(template_name="base.html"), name="organisation-list"),
]
