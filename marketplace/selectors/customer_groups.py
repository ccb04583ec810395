"""Customer-group profiles: each group once in the active language, and the public
challenges, proposals, pilots and offerings that serve it.

A group "is served" by what is tagged with any language version of it (the same
`translation_key`): a challenge, a proposal, an offering, and a pilot whose proposal or
challenge is tagged with it. Only what anyone may see counts: live challenges outside private
sections, `Proposal.objects.public()`, published pilots and offerings. Every read here costs a
fixed number of queries however many items there are.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from cms.localize import localized, localized_items, originals
from cms.models import ChallengePage, CustomerGroup
from cms.selectors import localized_challenges, url_in_active_language
from ideas.models import Proposal

from ..models import Offering, Pilot
from .offerings import published_offerings
from .pilots import published_pilots

# How many items of each kind a profile page lists.
LIMIT = 6
KINDS = ("challenges", "proposals", "pilots", "offerings")


def customer_groups():
    """Every customer group once, in the active language (else its original), by name."""
    return localized_items(originals(CustomerGroup.objects.all()))


def customer_group(slug: str) -> CustomerGroup | None:
    """The group with this slug (the same in every language) in the active language."""
    original = originals(CustomerGroup.objects.filter(slug=slug)).first()
    return localized(original) if original is not None else None


def customer_group_by_id(pk: int) -> CustomerGroup | None:
    """The group any of whose copies has this id, in the active language."""
    row = CustomerGroup.objects.filter(pk=pk).first()
    return customer_group(row.slug) if row is not None else None


def _public_challenges():
    return (
        ChallengePage.objects.live()
        .public()
        .exclude(pk__in=ChallengePage.objects.view_restricted())
    )


def _grouped_counts(queryset, key_path: str, item: str) -> dict[str, int]:
    rows = (
        queryset.filter(**{f"{key_path}__isnull": False})
        .values(key_path)
        .annotate(n=Count(item, distinct=True))
        .order_by()
    )
    return {str(row[key_path]): row["n"] for row in rows}


def served_counts(groups) -> dict[str, dict[str, int]]:
    """{group translation key: {kind: how many public items serve it}} for `groups`: five
    queries however many groups and items."""
    key = "customer_groups__translation_key"
    counts = {
        # A challenge's language versions are one item: counted by translation key.
        "challenges": _grouped_counts(_public_challenges(), key, "translation_key"),
        "proposals": _grouped_counts(Proposal.objects.public(), key, "pk"),
        "offerings": _grouped_counts(Offering.objects.published(), key, "pk"),
    }
    pilots: dict[str, set] = defaultdict(set)
    published = Pilot.objects.published()
    for path, rows in (
        ("proposal__", published),
        ("proposal__challenge__", published.filter(proposal__challenge__in=_public_challenges())),
    ):
        for group_key, pk in rows.filter(**{f"{path}{key}__isnull": False}).values_list(
            f"{path}{key}", "pk"
        ):
            pilots[str(group_key)].add(pk)
    counts["pilots"] = {group_key: len(pks) for group_key, pks in pilots.items()}
    return {
        str(group.translation_key): {
            kind: counts[kind].get(str(group.translation_key), 0) for kind in KINDS
        }
        for group in groups
    }


def _tagged_ids(model, key, *paths: str):
    query = Q()
    for path in paths:
        query |= Q(**{f"{path}__translation_key": key})
    return model.objects.filter(query).values("pk")


def _item(obj) -> dict:
    """A listed proposal, pilot or offering: its title in the active language (else the
    original), that text's language and its page."""
    title, language = obj.text_and_language("title")
    return {"title": title, "url": obj.get_absolute_url(), "language": language}


def profile(group: CustomerGroup, *, request=None) -> dict:
    """What a group's profile page lists: up to LIMIT of each kind, with the totals."""
    key = group.translation_key
    challenges = list(
        localized_challenges()
        .filter(pk__in=_tagged_ids(ChallengePage, key, "customer_groups"))
        .exclude(pk__in=ChallengePage.objects.view_restricted())
        .order_by("title")[:LIMIT]
    )
    proposals = list(
        Proposal.objects.public()
        .filter(pk__in=_tagged_ids(Proposal, key, "customer_groups"))
        .order_by("-pk")[:LIMIT]
    )
    public_challenges = _public_challenges().values("pk")
    pilots = list(
        published_pilots().filter(
            Q(pk__in=_tagged_ids(Pilot, key, "proposal__customer_groups"))
            | Q(
                pk__in=_tagged_ids(Pilot, key, "proposal__challenge__customer_groups"),
                proposal__challenge__in=public_challenges,
            )
        )[:LIMIT]
    )
    offerings = list(
        published_offerings().filter(pk__in=_tagged_ids(Offering, key, "customer_groups"))[:LIMIT]
    )
    return {
        "challenges": [
            {
                "title": page.title,
                "url": url_in_active_language(page, request),
                "language": page.locale.language_code,
            }
            for page in challenges
        ],
        "proposals": [_item(proposal) for proposal in proposals],
        "pilots": [_item(pilot) for pilot in pilots],
        "offerings": [_item(offering) for offering in offerings],
        "counts": served_counts([group])[str(key)],
        # The offering list's filter names the group by its original's id.
        "group_original_pk": originals(CustomerGroup.objects.filter(translation_key=key))
        .values_list("pk", flat=True)
        .first(),
        "limit": LIMIT,
    }
