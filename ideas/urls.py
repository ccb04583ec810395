from .views import comments, covers, proposals, reviews, team, votes

app_name = "ideas"

urlpatterns = [
    *proposals.urlpatterns,
    *covers.urlpatterns,
    *team.urlpatterns,
    *comments.urlpatterns,
    *votes.urlpatterns,
    *reviews.urlpatterns,
]
