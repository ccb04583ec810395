"""Views, one module per concern; each module defines its own `urlpatterns`. The look-ups
they share (the proposal a person may open, or a 404) are in `lookups`."""
