"""The confidential parts of a public proposal — its pricing, its confidential details and
the attachments marked confidential — reach its team, staff and the challenge's assigned
evaluators who accepted the current terms, and nobody else, through any channel: every route
of the site, the API and the admin (walked as every outsider role), the catalogue's hits and
facet counts, the feeds and the sitemap, the index rows, and every e-mail and notice."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ideas.models import ChallengeTerms, Review, TermsAcceptance
from ideas.rules.confidential import (
    can_download_attachment,
    can_view_confidential_parts,
    must_accept_terms_to_view_confidential,
)
from ideas.services import proposals as proposal_services
from ideas.services import terms as terms_services
from partners import notices as following
from partners.models import Notification
from search.models import CatalogueEntry
from tests.factories.cms import challenge_index
from tests.factories.reviews import make_evaluator, make_review

from .matrix_data import PNG, build_dataset, routes
from .test_permission_matrix import url_for

pytestmark = pytest.mark.django_db

PRICE = "Hinnoittelukanarialintu"
DETAILS = "Menetelmäsalaisuuskanarialintu"
FILE_NAME = "Kanarialintuhinnasto"
CANARIES = (PRICE, DETAILS, FILE_NAME)
PUBLIC = "Majakkalyhtyhanke"  # in the proposal's public summary only
OUTSIDERS = ("visitor", "unverified", "resident", "other_partner", "evaluator")
INSIDERS = ("partner", "editor", "moderator", "superuser")


@pytest.fixture(autouse=True)
def _generous_throttle(settings):
    settings.TORI_API_THROTTLE_RATE = "100000/min"


@pytest.fixture
def d(django_capture_on_commit_callbacks):
    """The permission matrix's world, where the public proposal in evaluation (`d.evaluated`,
    led by `partner`'s organisation) has confidential parts and a confidential attachment,
    and its challenge has terms its assigned `evaluator` has not accepted. `other_partner`
    is on another team."""
    with django_capture_on_commit_callbacks(execute=True):
        d = build_dataset()
        proposal = d.evaluated
        proposal.confidential_pricing = f"{PRICE}: 12 000 € a year"
        proposal.confidential_details = f"{DETAILS} of the lantern lenses"
        proposal.summary = f"{PUBLIC}: the harbour lantern, relit"
        proposal.save()
        d.secret_file = _attach(proposal, f"{FILE_NAME}.png", confidential=True)
        d.public_file = _attach(proposal, "public-plan.png", confidential=False)
        d.evaluation_terms = ChallengeTerms.objects.create(
            challenge=d.evaluation, version=1, body="<p>Evaluators keep secrets.</p>"
        )
    assert proposal.is_public
    return d


def _attach(proposal, name, *, confidential):
    from ideas.models import ProposalAttachment

    attachment = ProposalAttachment(
        proposal=proposal,
        original_name=name,
        content_type="image/png",
        size=len(PNG),
        confidential=confidential,
    )
    attachment.file.save(name, SimpleUploadedFile(name, PNG), save=False)
    attachment.save()
    return attachment


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _leaks(text: str) -> list[str]:
    # Case-sensitive: searches ask for the words in lower case, and a search page repeats
    # what was asked.
    return [canary for canary in CANARIES if canary in text]


def _public_urls(d) -> list[str]:
    """Pages the route walk reaches only through Wagtail's page serving."""
    index = challenge_index()
    urls = []
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            urls += [
                f"/{language}/",
                d.evaluation.url,
                index.url,
                index.url + "feed/rss/",
                index.url + "feed/atom/",
                reverse("search:catalogue") + f"?q={PRICE.lower()}",
                reverse("search:catalogue") + f"?q={DETAILS.lower()}",
                reverse("ideas:proposal-detail", kwargs={"pk": d.evaluated.pk}),
            ]
    urls += [
        "/sitemap.xml",
        f"/api/v1/proposals/{d.evaluated.pk}/",
        f"/api/v1/proposals/?challenge={d.evaluation.pk}",
        f"/api/v1/proposals/?q={PRICE.lower()}",
        f"/api/v1/catalogue/?q={PRICE.lower()}",
        f"/api/v1/catalogue/?q={DETAILS.lower()}",
        f"/api/v1/challenges/{d.evaluation.pk}/",
        reverse(
            "ideas:evaluation-review",
            kwargs={"challenge_id": d.evaluation.pk, "pk": d.evaluated.pk},
        ),
    ]
    return urls


def test_no_route_shows_a_confidential_part_to_anyone_outside(client, d):
    """Every route of the URLconf, and the pages served by Wagtail, the feeds, the sitemap,
    the API and the catalogue, requested as every outsider: no confidential text, no
    confidential file name."""
    urls = {url_for(d, key, pattern) for key, pattern, _callback in routes()}
    urls.update(_public_urls(d))
    failures = []
    for role in OUTSIDERS:
        client.logout()
        if role != "visitor":
            client.force_login(d.users[role])
        for url in sorted(urls):
            response = client.get(url)
            leaked = _leaks(_body(response))
            if leaked:
                failures.append(f"{url} as {role}: {leaked}")
    assert not failures, "\n".join(failures)


def test_the_team_staff_and_an_evaluator_who_accepted_the_terms_see_them(client, d):
    page = reverse("ideas:proposal-detail", kwargs={"pk": d.evaluated.pk})
    for role in INSIDERS:
        client.force_login(d.users[role])
        html = _body(client.get(page))
        assert PRICE in html and DETAILS in html and FILE_NAME in html, role
    evaluator = d.users["evaluator"]
    review = reverse(
        "ideas:evaluation-review", kwargs={"challenge_id": d.evaluation.pk, "pk": d.evaluated.pk}
    )
    client.force_login(evaluator)
    before = _body(client.get(review))
    assert not _leaks(before)
    assert "Accept the terms" in before
    response = client.post(
        reverse("ideas:terms-accept-evaluator", kwargs={"challenge_pk": d.evaluation.pk}),
        {"accept": "on", "version": 1, "next": review},
    )
    assert response.status_code == 302 and response["Location"] == review
    after = _body(client.get(review))
    assert PRICE in after and DETAILS in after and FILE_NAME in after
    acceptance = TermsAcceptance.objects.get(user=evaluator)
    assert acceptance.role == "evaluator" and acceptance.terms == d.evaluation_terms


def test_a_confidential_attachment_opens_only_for_those_who_see_confidential_parts(client, d):
    secret = d.secret_file.get_absolute_url()
    public = d.public_file.get_absolute_url()
    for role in OUTSIDERS:
        client.logout()
        if role != "visitor":
            client.force_login(d.users[role])
        assert client.get(secret).status_code == 404, role
        # The public attachment of the public proposal opens for everyone.
        assert client.get(public).status_code == 200, role
    for role in INSIDERS:
        client.force_login(d.users[role])
        response = client.get(secret)
        assert response.status_code == 200, role
        assert response["Cache-Control"] == "private, no-store"


def test_an_evaluator_with_a_declared_conflict_never_sees_them(d):
    evaluator = d.users["evaluator"]
    terms_services.accept_as_evaluator(challenge=d.evaluation, by=evaluator)
    assert can_view_confidential_parts(evaluator, d.evaluated)
    Review.objects.filter(evaluator=evaluator).update(conflict_of_interest=True)
    evaluated = type(d.evaluated).objects.get(pk=d.evaluated.pk)
    assert not can_view_confidential_parts(evaluator, evaluated)
    assert not can_download_attachment(evaluator, evaluated, d.secret_file)


def _conflict_lookups(queries) -> int:
    """The queries asking whether the evaluator declared a conflict with the proposal."""
    return sum(
        1
        for query in queries
        if 'FROM "ideas_review" WHERE ("ideas_review"."conflict_of_interest"' in query["sql"]
    )


def test_the_proposal_and_review_pages_ask_once_whether_the_evaluator_declared_a_conflict(
    client, d
):
    client.force_login(d.users["evaluator"])
    pages = [
        reverse("ideas:proposal-detail", kwargs={"pk": d.evaluated.pk}),
        reverse(
            "ideas:evaluation-review",
            kwargs={"challenge_id": d.evaluation.pk, "pk": d.evaluated.pk},
        ),
    ]
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            html = _body(client.get(page))
        assert "Accept the terms" in html, page
        assert _conflict_lookups(queries.captured_queries) == 1, page


def test_what_one_evaluator_may_see_is_never_reused_for_another(d):
    """The answer is kept on the proposal for each person: an evaluator with a declared
    conflict asking after one without gets their own answer, and the other way round."""
    evaluator = d.users["evaluator"]
    conflicted = make_evaluator(d.evaluation)
    make_review(proposal=d.evaluated, evaluator=conflicted, submitted=False, conflict=True)
    evaluated = type(d.evaluated).objects.get(pk=d.evaluated.pk)
    assert must_accept_terms_to_view_confidential(evaluator, evaluated)
    assert not must_accept_terms_to_view_confidential(conflicted, evaluated)
    assert must_accept_terms_to_view_confidential(evaluator, evaluated)
    terms_services.accept_as_evaluator(challenge=d.evaluation, by=conflicted)
    assert not can_view_confidential_parts(conflicted, evaluated)
    terms_services.accept_as_evaluator(challenge=d.evaluation, by=evaluator)
    fresh = type(d.evaluated).objects.get(pk=d.evaluated.pk)
    assert not can_view_confidential_parts(conflicted, fresh)
    assert can_view_confidential_parts(evaluator, fresh)


def test_a_new_version_of_the_terms_hides_them_again_until_the_evaluator_accepts_it(d):
    evaluator = d.users["evaluator"]
    terms_services.accept_as_evaluator(challenge=d.evaluation, by=evaluator)
    terms_services.terms_publish(
        challenge=d.evaluation, by=d.users["editor"], body="<p>New terms.</p>", change_note="x"
    )
    evaluated = type(d.evaluated).objects.get(pk=d.evaluated.pk)
    assert not can_view_confidential_parts(evaluator, evaluated)


def test_the_catalogue_finds_no_confidential_word_and_its_counts_do_not_move(client, d):
    for word in (PRICE, DETAILS):
        response = client.get(f"/api/v1/catalogue/?q={word}")
        assert response.status_code == 200
        assert response.json()["count"] == 0
        with translation.override("en"):
            page = _body(client.get(reverse("search:catalogue") + f"?q={word}"))
        assert d.evaluated.title not in page
    entries = CatalogueEntry.objects.all()
    assert entries.exists()
    for entry in entries:
        assert not _leaks(repr(entry.__dict__)), entry
    # The proposal is in the catalogue by its public words, and the facet counts for them are
    # those of the public proposal alone.
    public = client.get(f"/api/v1/catalogue/?q={PUBLIC.lower()}").json()
    assert public["count"] == 1
    assert [(hit["kind"], hit["id"]) for hit in public["results"]] == [("proposal", d.evaluated.pk)]
    kinds = {facet["value"]: facet["count"] for facet in public["facets"]["kind"]}
    assert {kind: count for kind, count in kinds.items() if count} == {"proposal": 1}


def test_no_email_or_notice_carries_a_confidential_part(
    client, d, django_capture_on_commit_callbacks
):
    """Followers, the team and staff hear of a decision, a comment and a change of terms:
    none of the messages holds the confidential text."""
    follower = d.users["resident"]
    following.follow(follower, d.evaluated)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.staff_change_status(
            proposal=d.evaluated,
            by=d.users["editor"],
            to_status="shortlisted",
            reason="Strong offer",
            public_reason="It goes on",
        )
        terms_services.terms_publish(
            challenge=d.evaluation, by=d.users["editor"], body="<p>v2</p>", change_note="v2"
        )
    assert Notification.objects.exists()
    for notification in Notification.objects.all():
        assert not _leaks(f"{notification.subject} {notification.body} {notification.texts}")
    for message in mail.outbox:
        html = "".join(str(content) for content, _type in getattr(message, "alternatives", []))
        assert not _leaks(f"{message.subject} {message.body} {html}")
