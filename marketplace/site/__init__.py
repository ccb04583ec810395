"""The site's plumbing: settings, root URLs, WSGI/ASGI, middleware, the page cache, the cache
backend, error views. It sits at the top of the import chain: it may import every app, none
imports it."""
