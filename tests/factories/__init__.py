"""factory_boy factories, one module per app. Never imported by application code."""
