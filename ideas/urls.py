from .views import proposals, reviews, votes

app_name = "ideas"

urlpatterns = [*proposals.urlpatterns, *votes.urlpatterns, *reviews.urlpatterns]
