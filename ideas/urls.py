from .views import comments, proposals, reviews, team, votes

app_name = "ideas"

urlpatterns = [
    *proposals.urlpatterns,
    *team.urlpatterns,
    *comments.urlpatterns,
    *votes.urlpatterns,
    *reviews.urlpatterns,
]
