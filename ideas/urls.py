from .views import comments, proposals, reviews, starting, team, votes

app_name = "ideas"

urlpatterns = [
    *starting.urlpatterns,
    *proposals.urlpatterns,
    *team.urlpatterns,
    *comments.urlpatterns,
    *votes.urlpatterns,
    *reviews.urlpatterns,
]
