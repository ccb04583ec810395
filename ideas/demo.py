"""Demo content of this app, built through its services (see `manage.py seed_demo`)."""


def seed(*, stdout) -> None:
    """Create this app's demo content if it is missing."""
