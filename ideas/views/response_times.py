"""The public response times: /<lang>/response-times/ — how fast each organising unit decides
on submitted proposals, and how often by the due time it promised."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from ..rules import reviews as rules
from ..selectors import response_times as selectors


def response_times(request):
    if not rules.can_view_response_times(request.user):
        raise Http404
    now = timezone.now()
    return render(
        request,
        "ideas/response_times.html",
        {
            "units": selectors.response_times(now=now),
            "since": selectors.twelve_months_before(now),
            "until": now,
            "min_decisions": selectors.MIN_DECISIONS,
        },
    )


urlpatterns = [
    path("response-times/", response_times, name="response-times"),
]
