"""Every write in the marketplace domain, one module per concern (pilots, workspace, feedback,
offerings). Keyword-only, inside a transaction; side effects after commit."""
