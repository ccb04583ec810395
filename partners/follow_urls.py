from django.urls import path

from .views import follows

app_name = "follows"

urlpatterns = [
    path("following/", follows.follow_list, name="list"),
    path("following/follow/", follows.follow, name="follow"),
    path("following/unfollow/", follows.unfollow, name="unfollow"),
]
