def seed(*, stdout) -> None:
    """Demo content for this concern."""
