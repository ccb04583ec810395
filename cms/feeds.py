"""RSS and Atom feeds of new challenges, per language (served by the challenge index page)."""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .selectors import localized_challenges, url_in_active_language

FEED_LENGTH = 20


class ChallengeRssFeed(Feed):
    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.index_url = url_in_active_language(self.index, request)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("New challenges – Tori")

    def description(self):
        return _("Service challenges published on Tori, newest first.")

    def link(self):
        return self.index_url

    def feed_url(self):
        return self.link() + self.index.reverse_subpage(self.route_name)

    route_name = "feed-rss"

    @property
    def language(self):
        return translation.get_language()

    def items(self):
        return localized_challenges(index=self.index).order_by("-first_published_at", "-pk")[
            :FEED_LENGTH
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return url_in_active_language(item, self.request, parent_url=self.index_url)

    def item_guid(self, item):
        return f"tori-challenge-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ChallengeAtomFeed(ChallengeRssFeed):
    feed_type = Atom1Feed
    route_name = "feed-atom"

    def subtitle(self):
        return self.description()
