"""A crawl of the demo in Finnish, Swedish and English: no customer group, theme or challenge
title of another language appears on a page where the item has a translation in the page's
language, unless the text is marked with that other language (`lang`), and every filter
lists each item once."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from cms.models import ChallengePage, CustomerGroup, Theme
from ideas.models import Proposal
from marketplace.models import Offering, Pilot
from partners.models import Organisation, User

LANGUAGES = ("fi", "sv", "en")


class _TextInLanguage(HTMLParser):
    """The page's text outside <script>/<style> and outside elements marked with another
    language (`lang`, inherited), and the <option> labels of each <select>."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language, self.stack, self.parts = language, [], []
        self.selects: dict[str, list[str]] = {}
        self._select, self._option = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs.get("name")
            self.selects.setdefault(self._select, [])
        if tag == "option" and self._select is not None:
            self._option = []
        if tag in self.VOID:
            return
        parent = self.stack[-1][1] if self.stack else self.language
        skip = tag in ("script", "style") or bool(self.stack and self.stack[-1][2])
        self.stack.append((tag, attrs.get("lang", parent), skip))

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.selects[self._select].append("".join(self._option).strip())
            self._option = None
        if tag == "select":
            self._select = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._option is not None:
            self._option.append(data)
        tag, lang, skip = self.stack[-1] if self.stack else ("", self.language, False)
        if not skip and lang.split("-")[0] == self.language:
            self.parts.append(data)


def _read(html: str, language: str) -> _TextInLanguage:
    parser = _TextInLanguage(language)
    parser.feed(html)
    return parser


def _foreign_names(language: str) -> dict[str, str]:
    """Names of other languages' copies of items that have a copy in `language`."""
    locale = Locale.objects.get(language_code=language)
    foreign = {}
    for model, field in ((CustomerGroup, "name"), (Theme, "name"), (ChallengePage, "title")):
        rows = list(model.objects.select_related("locale"))
        own = {
            row.translation_key: getattr(row, field) for row in rows if row.locale_id == locale.pk
        }
        for row in rows:
            name = getattr(row, field)
            mine = own.get(row.translation_key)
            if row.locale_id != locale.pk and mine and name != mine and name not in mine:
                foreign[name] = f"{model.__name__} ({row.locale.language_code})"
    return foreign


def _public_urls(language: str) -> list[str]:
    urls = [
        f"/{language}/",
        f"/{language}/pilots/",
        f"/{language}/offerings/",
        f"/{language}/organisations/",
        f"/{language}/catalogue/",
        f"/{language}/catalogue/?q=museo",
    ]
    pages = ChallengePage.objects.live().public().filter(locale__language_code=language)
    urls += [page.url for page in pages]
    urls += [f"/{language}/proposals/{p.pk}/" for p in Proposal.objects.public()]
    urls += [f"/{language}/pilots/{p.pk}/" for p in Pilot.objects.published()]
    urls += [f"/{language}/offerings/{o.slug}/" for o in Offering.objects.published()]
    urls += [f"/{language}/organisations/{o.slug}/" for o in Organisation.objects.all()]
    return urls


def _signed_in_urls(language: str) -> dict[str, list[str]]:
    return {
        "editor@tori.example": [
            reverse("marketplace_dashboard"),
            reverse("ideas_evaluation_index"),
            reverse("pilots:index"),
            reverse("offerings:index"),
            reverse("evaluator_assignments:add"),
        ],
        "evaluator@tori.example": [f"/{language}/evaluation/"],
        "resident@tori.example": [f"/{language}/votes/"],
        "partner@tori.example": [f"/{language}/proposals/mine/"],
    }


@pytest.mark.django_db
def test_no_other_languages_names_leak_into_pages_or_filters():
    call_command("seed_demo", stdout=io.StringIO())
    items = {
        "challenge": ChallengePage.objects.filter(locale__language_code="fi").count(),
        "customer_group": CustomerGroup.objects.filter(locale__language_code="fi").count(),
        "theme": Theme.objects.filter(locale__language_code="fi").count(),
    }
    leaks, duplicates, errors = [], [], []
    for language in LANGUAGES:
        foreign = _foreign_names(language)
        assert foreign, "the demo has translated challenges, groups and themes"
        visits = [(None, url) for url in _public_urls(language)]
        for email, urls in _signed_in_urls(language).items():
            visits += [(email, url) for url in urls]
        clients = {}
        for email, url in visits:
            if email not in clients:
                clients[email] = Client(HTTP_ACCEPT_LANGUAGE=language)
                if email:
                    clients[email].force_login(User.objects.get(email=email))
            response = clients[email].get(url)
            if response.status_code != 200:
                errors.append((language, email, url, response.status_code))
                continue
            page = _read(response.content.decode(), language)
            text = " ".join(page.parts)
            leaks += [
                (language, url, name, where) for name, where in foreign.items() if name in text
            ]
            for select, options in page.selects.items():
                if select in items:
                    labels = [o for o in options if o and not re.fullmatch(r"[-–—]+", o)]
                    if len(set(labels)) != len(labels) or len(labels) > items[select] + 1:
                        duplicates.append((language, url, select, labels))
    assert not errors, errors
    assert not leaks, leaks[:20]
    assert not duplicates, duplicates[:5]
