from .views import (
    comments,
    covers,
    partnering,
    proposals,
    response_times,
    reviews,
    starting,
    team,
    terms,
    votes,
)

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
    *terms.urlpatterns,
    *response_times.urlpatterns,
]
