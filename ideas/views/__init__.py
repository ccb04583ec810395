"""Views, one module per concern; each module defines its own `urlpatterns`."""
