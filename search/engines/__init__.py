"""Search engines behind one interface (`search.catalogue`): database (default) and Elasticsearch."""


class SearchUnavailable(Exception):  # noqa: N818 - the domain's word
    """The search engine cannot answer now (e.g. Elasticsearch is unreachable)."""
