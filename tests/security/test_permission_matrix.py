"""Permission matrix generated from the URL configuration.

Every route of the URLconf (public pages under every i18n prefix, the API, Tori's own admin
views and a representative set of Wagtail's admin) is requested with GET as every role. The
expected status of each (route, role) is declared in EXPECTED below — ONE table. A route in the
URLconf without a declared rule fails the test: a new route must state who may open it.

Status shorthands: 200 OK, 302 redirect (to sign-in, or onwards), 400 bad link, 403 refused,
404 hidden (confidential things do not leak their existence), 405 POST-only.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from .matrix_data import ROLES, build_dataset, routes

pytestmark = pytest.mark.django_db


def row(*statuses):
    """Statuses in ROLES order: visitor, unverified, resident, partner, other_partner,
    evaluator, editor, moderator, superuser."""
    assert len(statuses) == len(ROLES)
    return dict(zip(ROLES, statuses, strict=True))


def undeclared(found) -> list[str]:
    return sorted({key for key, _pattern, _callback in found if key not in EXPECTED})


# How to build each route's URL from the dataset (`d`): kwargs for reverse(), or a literal path.
KWARGS = {
    "partners:verify-email": lambda d: {"token": "not-a-token"},
    "partners:confirm-email-change": lambda d: {"token": "not-a-token"},
    "partners:password-reset-confirm": lambda d: {"uidb64": "MQ", "token": "set-password"},
    "partners:invitation": lambda d: {"token": "not-a-token"},
    "ideas:invitation": lambda d: {"token": "not-a-token"},
    "notifications:unsubscribe": lambda d: {"token": "not-a-token"},
    "marketplace:onsite-feedback": lambda d: {"pk": d.pilot.pk, "token": d.onsite_token},
    "marketplace:customer-group-detail": lambda d: {"slug": d.group.slug},
    "marketplace:city": lambda d: {"slug": "espoo"},
    "api:city-detail": lambda d: {"code": "espoo"},
    "assisted:idea": lambda d: {"challenge_pk": d.idea_challenge.pk},
}
PATHS = {
    "documents/^(\\d+)/(.*)$": lambda d: f"/documents/{d.document.pk}/doc.txt",
    "api/v1/^.*$": lambda d: "/api/v1/nothing-here/",
    "admin/^.*/$": lambda d: "/admin/nothing-here/",
    "fi/^((?:[\\w\\-]+/)*)$": lambda d: "/en/",
    "sv/^((?:[\\w\\-]+/)*)$": lambda d: "/en/",
    "en/^((?:[\\w\\-]+/)*)$": lambda d: "/en/",
}
# Which dataset object fills each URL parameter, per route prefix.
PARAMS = {
    "slug": lambda d, key: (
        d.procured_offering.slug
        if key.endswith("offering-reference")
        else d.offering.slug
        if "offering" in key
        else d.organisation.slug
    ),
    "pk": None,  # resolved in _pk()
    "challenge_pk": lambda d, key: d.challenge.pk,
    "pilot_pk": lambda d, key: d.pilot.pk,
    "signup_pk": lambda d, key: 999999,
    "challenge_id": lambda d, key: d.evaluation.pk,
    "attachment_pk": lambda d, key: d.attachment.pk,
    "member_pk": lambda d, key: d.co_member.pk,
    "invitation_pk": lambda d, key: d.team_invitation.pk,
    "comment_pk": lambda d, key: d.comment.pk,
    "call_pk": lambda d, key: d.call.pk,
    "request_pk": lambda d, key: d.join_request.pk,
    "milestone_pk": lambda d, key: d.milestone.pk,
    "indicator_pk": lambda d, key: d.indicator.pk,
    "measurement_pk": lambda d, key: d.measurement.pk,
    "page_id": lambda d, key: d.challenge.pk,
    "user_id": lambda d, key: d.users["resident"].pk,
    "restriction_id": lambda d, key: 999999,
    "page_view_restriction_id": lambda d, key: 999999,
    "translation_source_id": lambda d, key: 999999,
    "app_label": lambda d, key: "cms",
    "model_name": lambda d, key: "theme",
}


def _pk(d, key):
    table = [
        ("partners:organisation-invitation-revoke", d.org_invitation.pk),
        ("partners:organisation-member", d.member.pk),
        ("partners:organisation-hand-over", d.member.pk),
        ("ideas:evaluation-", d.evaluated.pk),
        ("ideas:comment-report", d.evaluated.pk),
        ("ideas:", d.proposal.pk),
        ("ideas_votes:", d.evaluated.pk),
        ("marketplace:feedback-report", d.feedback.pk),
        ("feedback_channels:", d.import_batch.pk),
        ("marketplace:", d.pilot.pk),
        ("api:challenge", d.challenge.pk),
        ("api:proposal", d.proposal.pk),  # a draft: confidential, never in the API
        ("api:pilot", d.pilot.pk),
        ("api:offering", d.offering.pk),
        ("api:organisation", d.organisation.pk),
        ("api:customer-group", d.group.pk),
        ("api:unit", d.unit.pk),
        ("organisations:", d.organisation.pk),
        ("deliveries:", d.delivery.pk),
        ("ideas_proposal:", d.evaluated.pk),
        ("ideas_moderation:", d.comment.pk),
        ("evaluator_assignments:", d.assignment.pk),
        ("challenge_terms:", d.terms.pk),
        ("terms_acceptances:", d.acceptance.pk),
        ("reviews:", d.review.pk),
        ("pilots:procurement", d.procured_offering.pilot_id),
        ("pilots:", d.pilot.pk),
        ("pilot_photos:", d.photo.pk),
        ("pilot_feedback:", d.feedback.pk),
        ("pilot_milestones:", d.milestone.pk),
        ("pilot_indicators:", d.indicator.pk),
        ("pilot_measurements:", d.measurement.pk),
        ("offerings:", d.offering.pk),
        ("offering_edits:", d.edit_proposal.pk),
        ("wagtailadmin_pages:", d.challenge.pk),
        ("wagtailsnippets_cms_theme:", d.theme.pk),
        ("wagtailsnippets_cms_customergroup:", d.group.pk),
        ("wagtailsnippets_cms_unit:", d.unit.pk),
        ("wagtailsnippets_partners_capability:", d.capability.pk),
        ("wagtailusers_users:", d.users["resident"].pk),
    ]
    for prefix, value in table:
        if key.startswith(prefix):
            return value
    raise KeyError(f"no pk for {key}")


def url_for(d, key, pattern):
    if pattern in PATHS:
        return PATHS[pattern](d)
    if key in KWARGS:
        kwargs = KWARGS[key](d)
    else:
        params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)
        kwargs = {}
        for first, second in params:
            name = first or second
            kwargs[name] = _pk(d, key) if name == "pk" else PARAMS[name](d, key)
    with translation.override("en"):
        return reverse(key, kwargs=kwargs)


def test_permission_matrix(client, settings):
    # Every API route once per role from one address: more than the per-address throttle
    # allows in a minute (the throttle has its own tests).
    settings.TORI_API_THROTTLE_RATE = "100000/min"
    d = build_dataset()
    found = routes()
    missing = undeclared(found)
    assert not missing, f"new route(s) without a declared rule in EXPECTED: {missing}"
    stale = sorted(set(EXPECTED) - {key for key, _p, _c in found})
    assert not stale, f"EXPECTED declares routes that no longer exist: {stale}"

    failures = []
    seen = set()
    for key, pattern, _callback in found:
        if key in seen:
            continue  # the same name under fi/, sv/ and en/: one language is enough
        seen.add(key)
        url = url_for(d, key, pattern)
        for role in ROLES:
            client.logout()
            if role != "visitor":
                client.force_login(d.users[role])
            status = client.get(url).status_code
            expected = EXPECTED[key][role]
            if status != expected:
                failures.append(f"{key} {url} as {role}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_a_new_route_without_a_rule_is_reported():
    found = routes()
    assert undeclared(found) == []
    assert undeclared([*found, ("ideas:brand-new", "en/brand-new/", None)]) == ["ideas:brand-new"]
    # Every i18n prefix, the API, Tori's admin views and Wagtail's page serving are walked.
    keys = {key for key, _p, _c in found}
    assert {"api:proposal-list", "ideas:proposal-detail", "pilots:index", "wagtail_serve"} <= keys
    assert "search:catalogue" in keys


# ONE table: route -> expected status per role (columns in ROLES order:
# visitor, unverified, resident, partner, other_partner, evaluator, editor, moderator, superuser).
# `partner` owns the lead organisation of the draft proposal, the pilot and the offering;
# `other_partner` owns a co-developing organisation on the same draft; `evaluator` is assigned
# to the challenge in evaluation. Admin: 302 = sent to the admin sign-in / refused by Wagtail.
EXPECTED = {
    "wagtailadmin_home": row(302, 302, 302, 302, 302, 200, 200, 200, 200),
    "wagtailadmin_explore_root": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailadmin_pages:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_evaluation_index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_evaluation_ranking": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_evaluation_overdue": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_votes:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_votes:chart": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_votes:void": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # Staff enter feedback on a person's behalf and import paper or kiosk feedback.
    "feedback_channels:on-behalf": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # Staff enter votes, ideas and comments on a person's behalf.
    "assisted:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "assisted:vote": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "assisted:comment": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "assisted:idea": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "feedback_channels:import": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "feedback_channels:import-report": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "feedback_channels:import-template": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "marketplace_dashboard": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # Breakdowns by customer group (suppressed figures only): staff.
    "marketplace_challenge_breakdown": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "marketplace_pilot_breakdown": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # wagtail-localize's sync form (cms.wagtail_hooks), staff only. The dataset has no
    # translation source: staff get the 404 that LocaleMiddleware turns into /en/admin/...
    "tori_update_translations": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "wagtaildocs:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailimages:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:list": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:list_results": row(
        302, 302, 302, 302, 302, 302, 200, 200, 200
    ),
    "wagtailsnippets_cms_customergroup:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_customergroup:history_results": row(
        302, 302, 302, 302, 302, 302, 200, 200, 200
    ),
    "wagtailsnippets_cms_customergroup:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:list": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:list_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_theme:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # Organising units (docs/units-and-cities.md): staff.
    "wagtailsnippets_cms_unit:list": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_unit:list_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_unit:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_unit:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # Only moderators delete a unit (cms.0013_unit_permissions).
    "wagtailsnippets_cms_unit:delete": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "wagtailsnippets_cms_unit:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_unit:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_unit:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_cms_unit:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # The shared capability list: staff (partners.rules.can_manage_capabilities).
    "wagtailsnippets_partners_capability:list": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_partners_capability:list_results": row(
        302, 302, 302, 302, 302, 302, 200, 200, 200
    ),
    "wagtailsnippets_partners_capability:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_partners_capability:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_partners_capability:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_partners_capability:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_partners_capability:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailsnippets_partners_capability:history_results": row(
        302, 302, 302, 302, 302, 302, 200, 200, 200
    ),
    "wagtailsnippets_partners_capability:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "organisations:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "organisations:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "organisations:add": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "organisations:edit": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "organisations:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "organisations:history": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "organisations:history_results": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "organisations:usage": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "organisations:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    # The e-mail delivery log names every recipient: site administrators read it, no one edits.
    "deliveries:index": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "deliveries:index_results": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "deliveries:add": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "deliveries:edit": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "deliveries:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "deliveries:history": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "deliveries:history_results": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "deliveries:usage": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "deliveries:inspect": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "organisations:copy": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "ideas_proposal:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:add": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "ideas_proposal:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "ideas_proposal:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:change_status": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_proposal:answer": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "ideas_moderation:index": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "ideas_moderation:index_results": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "ideas_moderation:add": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "ideas_moderation:edit": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "ideas_moderation:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "ideas_moderation:history": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "ideas_moderation:history_results": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "ideas_moderation:usage": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "ideas_moderation:hide": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "challenge_terms:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "challenge_terms:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "challenge_terms:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "terms_acceptances:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "terms_acceptances:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "terms_acceptances:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "terms_acceptances:add": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "terms_acceptances:edit": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "terms_acceptances:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "terms_acceptances:history": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "terms_acceptances:history_results": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "terms_acceptances:usage": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "evaluator_assignments:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "evaluator_assignments:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "reviews:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "reviews:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "reviews:add": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "reviews:edit": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "reviews:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "reviews:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "reviews:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "reviews:usage": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "reviews:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:stage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilots:procurement": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_milestones:delete": row(
        302, 302, 302, 302, 302, 302, 302, 302, 302
    ),  # removed on the workspace page, into the history
    "pilot_indicators:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_indicators:delete": row(
        302, 302, 302, 302, 302, 302, 302, 302, 302
    ),  # removed on the workspace page, into the history
    "pilot_measurements:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_measurements:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_measurements:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_measurements:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_measurements:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_measurements:usage": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "pilot_measurements:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_measurements:delete": row(
        302, 302, 302, 302, 302, 302, 302, 302, 302
    ),  # removed on the workspace page, into the history
    "pilot_photos:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_photos:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "pilot_feedback:hide": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "pilot_feedback:restore": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "pilot_feedback:dismiss": row(302, 302, 302, 302, 302, 302, 302, 200, 200),
    "offerings:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:add": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:edit": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offerings:copy": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:index": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:index_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:delete": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:history": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:history_results": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:usage": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:inspect": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "offering_edits:decide": row(302, 302, 302, 302, 302, 302, 200, 200, 200),
    "wagtailusers_users:index": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:index_results": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:add": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:edit": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:delete": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:history": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:history_results": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:usage": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtailusers_users:copy": row(302, 302, 302, 302, 302, 302, 302, 302, 200),
    "wagtaildocs_serve": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "wagtaildocs_authenticate_with_password": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "set_language": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "sitemap": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "branding-css": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "favicon": row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    "api:root": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:challenge-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:challenge-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The open challenge's votes by customer group are published only when it closes.
    "api:challenge-breakdown": row(404, 404, 404, 404, 404, 404, 404, 404, 404),
    "api:proposal-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:proposal-detail": row(404, 404, 404, 404, 404, 404, 404, 404, 404),
    "api:pilot-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:pilot-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:pilot-breakdown": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:offering-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:offering-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:organisation-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:organisation-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:customer-group-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:customer-group-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:unit-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:unit-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:city-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:city-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:schema": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:docs": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:catalogue": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "api:not-found": row(404, 404, 404, 404, 404, 404, 404, 404, 404),
    "partners:login": row(200, 302, 302, 302, 302, 302, 302, 302, 302),
    "partners:logout": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:register": row(200, 302, 302, 302, 302, 302, 302, 302, 302),
    "partners:verification-sent": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:resend-verification": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:verify-email": row(400, 400, 400, 400, 400, 400, 400, 400, 400),
    "partners:profile": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:email-change": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:confirm-email-change": row(400, 400, 400, 400, 400, 400, 400, 400, 400),
    "partners:password-change": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:password-reset": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:password-reset-done": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:password-reset-confirm": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:password-reset-complete": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:data-download": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:account-delete": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:organisation-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:organisation-create": row(302, 403, 200, 200, 200, 200, 200, 200, 200),
    "partners:invitation": row(400, 400, 400, 400, 400, 400, 400, 400, 400),
    "partners:organisation-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "partners:organisation-edit": row(302, 403, 403, 200, 403, 403, 403, 200, 200),
    "partners:organisation-members": row(302, 403, 403, 200, 403, 403, 403, 403, 403),
    "partners:organisation-member-remove": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:organisation-member-role": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:organisation-hand-over": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:organisation-invitation-revoke": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "partners:organisation-leave": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "notifications:list": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "notifications:mark-read": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "notifications:preferences": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "notifications:unsubscribe": row(400, 400, 400, 400, 400, 400, 400, 400, 400),
    "follows:list": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "follows:follow": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "follows:unfollow": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:my-proposals": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    # Two challenges are open, so everyone signed in chooses one (none is straight to a form).
    "ideas:proposal-new": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "ideas:proposal-start": row(302, 403, 403, 200, 200, 403, 403, 403, 403),
    "ideas:proposal-detail": row(404, 404, 404, 200, 200, 404, 200, 200, 200),
    "ideas:proposal-edit": row(302, 404, 404, 200, 200, 404, 302, 302, 302),
    "ideas:challenge-terms": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "ideas:terms-accept-team": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:terms-accept-evaluator": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:proposal-submit": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:proposal-withdraw": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:proposal-history": row(404, 404, 404, 200, 200, 404, 200, 200, 200),
    "ideas:proposal-diff": row(404, 404, 404, 302, 302, 404, 302, 302, 302),
    "ideas:attachment-upload": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:proposal-cover": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:attachment-download": row(404, 404, 404, 200, 200, 404, 200, 200, 200),
    "ideas:attachment-delete": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:proposal-team": row(404, 404, 404, 200, 200, 404, 200, 200, 200),
    "ideas:team-remove": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:team-leave": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:invitation-revoke": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:team-invite-organisation": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:organisation-invitation": row(302, 404, 404, 404, 404, 404, 404, 404, 404),
    "ideas:invitation": row(410, 410, 410, 410, 410, 410, 410, 410, 410),
    # Finding partners: the search and a listed call are public; the team posts and edits
    # calls (staff see the team area but are sent back to it); the rest is POST-only.
    "ideas:partner-search": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "ideas:partner-call": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "ideas:partner-call-create": row(302, 404, 404, 200, 200, 404, 302, 302, 302),
    "ideas:partner-call-edit": row(302, 404, 404, 200, 200, 404, 302, 302, 302),
    "ideas:partner-call-close": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:join-request-answer": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:join-request-withdraw": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:comment-post": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:comment-report": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "ideas:vote-cast": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:vote-withdraw": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:my-votes": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "ideas:evaluation-index": row(404, 404, 404, 404, 404, 200, 404, 404, 404),
    "ideas:evaluation-workspace": row(404, 404, 404, 404, 404, 200, 404, 404, 404),
    "ideas:evaluation-review": row(404, 404, 404, 404, 404, 200, 404, 404, 404),
    "ideas:evaluation-conflict": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:pilot-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "marketplace:pilot-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "marketplace:feedback-give": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:feedback-report": row(302, 302, 302, 200, 200, 200, 200, 200, 200),
    # Tester sign-ups and slots: POST only (rules in tests/marketplace/test_testers.py).
    "marketplace:tester-signup": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:tester-cancel": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:tester-slot-add": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:pilot-workspace": row(404, 404, 404, 200, 404, 404, 200, 200, 200),
    # The on-site form (QR code, kiosk) needs no account: anyone with the pilot's signed link.
    "marketplace:onsite-feedback": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The venue's posters: the pilot's team (the partner) and staff.
    "marketplace:poster-svg": row(404, 404, 404, 200, 404, 404, 200, 200, 200),
    "marketplace:poster-pdf": row(404, 404, 404, 200, 404, 404, 200, 200, 200),
    "marketplace:milestone-add": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:milestone-edit": row(404, 404, 404, 200, 404, 404, 200, 200, 200),
    "marketplace:indicator-add": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:indicator-edit": row(404, 404, 404, 200, 404, 404, 200, 200, 200),
    "marketplace:measurement-add": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:measurement-delete": row(405, 405, 405, 405, 405, 405, 405, 405, 405),
    "marketplace:offering-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Profiles describe a group, not people: public, a sensitive group's too.
    "marketplace:customer-group-list": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "marketplace:customer-group-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    # A city's front door (docs/units-and-cities.md): public.
    "marketplace:city": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "marketplace:offering-detail": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "marketplace:offering-propose-edit": row(302, 404, 404, 200, 404, 404, 404, 404, 404),
    # A published offering whose published, adopted pilot has its procurement recorded.
    "marketplace:offering-reference": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "search:catalogue": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "cms:accessibility-feedback": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    # A person's own customer groups: everyone signed in; removing them is POST-only.
    "cms:customer-groups": row(302, 200, 200, 200, 200, 200, 200, 200, 200),
    "cms:customer-groups-remove": row(302, 405, 405, 405, 405, 405, 405, 405, 405),
    "ideas:response-times": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "wagtailcore_authenticate_with_password": row(404, 404, 404, 404, 404, 404, 404, 404, 404),
    "wagtailcore_login": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
    "wagtail_serve": row(200, 200, 200, 200, 200, 200, 200, 200, 200),
}
