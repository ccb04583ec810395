from .views import comments, covers, partnering, proposals, reviews, starting, team, votes

app_name = "ideas"

urlpatterns = [
    *starting.urlpatterns,
    *proposals.urlpatterns,
    *covers.urlpatterns,
    *team.urlpatterns,
    *partnering.urlpatterns,
    *comments.urlpatterns,
    *votes.urlpatterns,
    *reviews.urlpatterns,
]
