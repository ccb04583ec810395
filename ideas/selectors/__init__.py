"""Reads that apply visibility or span relations, one module per concern."""
