"""Public customer-group profiles: who the group is, what it needs, how it takes part, and the
public challenges, proposals, pilots and offerings that serve it."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from cms.selectors import challenge_index_for_active_language, url_in_active_language
from marketplace.selectors import customer_groups as group_selectors


def customer_group_list(request):
    return render(
        request,
        "marketplace/customer_group_list.html",
        {"groups": group_selectors.customer_groups()},
    )


def customer_group_detail(request, slug):
    group = group_selectors.customer_group(slug)
    if group is None:
        raise Http404
    index = challenge_index_for_active_language()
    profile = group_selectors.profile(group, request=request)
    return render(
        request,
        "marketplace/customer_group_detail.html",
        {
            "group": group,
            **profile,
            # The full lists, filtered by the group, where the page shows only the first few.
            "challenge_more_url": (
                f"{url_in_active_language(index, request)}?group={group.slug}" if index else ""
            ),
            "offering_more_url": (
                f"{reverse('marketplace:offering-list')}"
                f"?customer_group={profile['group_original_pk']}"
            ),
        },
    )
