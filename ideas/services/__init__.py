"""Writes that matter, one module per concern (proposals, votes, reviews)."""
