"""Reading a page's <head>: its meta and link tags and its JSON-LD documents."""

import json
from html.parser import HTMLParser


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.metas: list[dict] = []
        self.links: list[dict] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._head_done = False

    def handle_starttag(self, tag, attrs):
        if self._head_done:
            return
        attributes = dict(attrs)
        if tag == "meta":
            self.metas.append(attributes)
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False
        elif tag == "head":
            self._head_done = True

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


class Head:
    """The head of a response: `head.meta("og:title")`, `head.canonical`, `head.hreflang`."""

    def __init__(self, response):
        self.html = response.content.decode()
        parser = HeadParser()
        parser.feed(self.html)
        self._parser = parser

    def meta(self, key: str) -> str | None:
        values = self.metas(key)
        return values[0] if values else None

    def metas(self, key: str) -> list[str]:
        return [
            m.get("content", "")
            for m in self._parser.metas
            if m.get("property") == key or m.get("name") == key
        ]

    @property
    def canonical(self) -> str | None:
        found = [link["href"] for link in self._parser.links if link.get("rel") == "canonical"]
        assert len(found) <= 1, f"more than one canonical: {found}"
        return found[0] if found else None

    @property
    def hreflang(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"]
            for link in self._parser.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    @property
    def json_ld(self) -> list[dict]:
        return [json.loads(text) for text in self._parser.json_ld]

    def json_ld_of(self, kind: str) -> dict:
        found = [doc for doc in self.json_ld if doc.get("@type") == kind]
        assert len(found) == 1, f"expected one {kind}, found {self.json_ld}"
        return found[0]
