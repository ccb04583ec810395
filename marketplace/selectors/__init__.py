"""Reads in the marketplace domain, one module per concern (pilots, feedback, offerings,
the staff dashboard). They return data, never HTML."""
