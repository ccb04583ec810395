"""Public pages of the marketplace domain: pilots, their workspace, offerings."""
