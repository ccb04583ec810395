"""The marketplace domain in the Wagtail admin, one module per concern."""
