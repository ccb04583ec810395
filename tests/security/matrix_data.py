"""The dataset and the route walk behind the permission matrix (not a test module)."""

from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.documents.models import Document

from ideas.models import (
    ChallengeTerms,
    Comment,
    EvaluatorAssignment,
    JoinRequest,
    PartnerCall,
    TeamInvitation,
    TeamMember,
    TermsAcceptance,
)
from ideas.services import attachments as attachment_services
from marketplace.models import ImportBatch, OfferingEditProposal, PilotPhoto
from marketplace.services.channels import onsite_token
from marketplace.services.procurement import procurement_save
from partners.models import (
    Capability,
    Delivery,
    Membership,
    Notification,
    OrganisationInvitation,
)
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, UnitFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.images import make_image
from tests.factories.marketplace import (
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PilotFactory,
    add_feedback,
    make_offering,
    selected_proposal,
)
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.reviews import make_review

TORI_APPS = ("partners", "ideas", "marketplace", "cms", "search")
ROLES = (
    "visitor",
    "unverified",
    "resident",
    "partner",
    "other_partner",
    "evaluator",
    "editor",
    "moderator",
    "superuser",
)
# A representative set of Wagtail's own admin views (the rest are Wagtail's responsibility).
WAGTAIL_CORE_ADMIN = {
    "wagtailadmin_home",
    "wagtailadmin_explore_root",
    "wagtailadmin_pages:edit",
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailusers_users:index",
    "wagtailsnippets_cms_customergroup:list",
    "wagtailsnippets_cms_theme:list",
}

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _tori_viewset_namespaces() -> set[str]:
    namespaces = set()
    for viewset in admin_viewsets.viewsets:
        module = type(viewset).__module__.split(".")[0]
        if module in TORI_APPS and getattr(viewset, "url_namespace", None):
            namespaces.add(viewset.url_namespace)
    return namespaces


def _is_tori_admin(name: str, callback) -> bool:
    module = getattr(callback, "__module__", "") or ""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        module = view_class.__module__
    namespace = name.split(":")[0] if ":" in name else ""
    return module.split(".")[0] in TORI_APPS or namespace in _tori_viewset_namespaces()


def routes():
    """Every route of the URLconf: (key, pattern, callback). Key = namespaced name or pattern."""
    result = []

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                walk(entry, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                pattern = prefix + str(entry.pattern)
                key = f"{namespace}{entry.name}" if entry.name else pattern
                result.append((key, pattern, entry.callback))

    walk(get_resolver(), "", "")
    selected = []
    for key, pattern, callback in result:
        if pattern.startswith("admin/"):
            if key not in WAGTAIL_CORE_ADMIN and not _is_tori_admin(key, callback):
                continue
        if pattern.startswith("^media/"):
            continue  # DEBUG-only static serving
        selected.append((key, pattern, callback))
    return selected


def build_dataset():
    d = SimpleNamespace()
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    d.users = {
        "unverified": UserFactory(unverified=True),
        "resident": UserFactory(),
        "partner": UserFactory(),
        "other_partner": UserFactory(),
        "evaluator": UserFactory(groups=["Evaluators"]),
        "editor": UserFactory(groups=["Editors"], is_staff=True),
        "moderator": UserFactory(groups=["Moderators"], is_staff=True),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    d.organisation = OrganisationFactory(slug="lead-org")
    MembershipFactory(
        organisation=d.organisation, user=d.users["partner"], role=Membership.Role.OWNER
    )
    d.member = MembershipFactory(organisation=d.organisation, role=Membership.Role.MEMBER)
    d.other_organisation = OrganisationFactory(slug="other-org")
    MembershipFactory(
        organisation=d.other_organisation,
        user=d.users["other_partner"],
        role=Membership.Role.OWNER,
    )
    d.org_invitation = OrganisationInvitation.objects.create(
        organisation=d.organisation, email="someone@example.org", invited_by=d.users["partner"]
    )
    d.challenge = make_challenge(phase="proposals", title="Open challenge")
    # Staff enter ideas on a person's behalf in a challenge that takes ideas from individuals.
    d.idea_challenge = make_challenge(
        phase="proposals", title="Ideas welcome", individuals_may_submit=True
    )
    d.evaluation = make_challenge(phase="evaluation", title="Evaluated challenge")
    d.assignment = EvaluatorAssignment.objects.create(
        challenge=d.evaluation, evaluator=d.users["evaluator"]
    )
    d.proposal = ProposalFactory(
        challenge=d.challenge,
        lead_organisation=d.organisation,
        created_by=d.users["partner"],
        status="draft",
    )
    d.attachment = attachment_services.attachment_add(
        proposal=d.proposal,
        by=d.users["partner"],
        upload=SimpleUploadedFile("plan.png", PNG, content_type="image/png"),
    )
    d.co_member = TeamMember.objects.create(
        proposal=d.proposal, organisation=d.other_organisation, role=TeamMember.Role.CO_DEVELOPER
    )
    d.team_invitation = TeamInvitation.objects.create(
        proposal=d.proposal, email="co@example.org", invited_by=d.users["partner"]
    )
    d.terms = ChallengeTerms.objects.create(
        challenge=d.challenge, version=1, body="<p>The team owns its work.</p>"
    )
    d.acceptance = TermsAcceptance.objects.create(
        terms=d.terms,
        role=TermsAcceptance.Role.TEAM,
        proposal=d.proposal,
        user=d.users["partner"],
        user_name="Partner",
    )
    # The draft looks for partners; an organisation none of the roles belongs to asks to join.
    d.capability = Capability.objects.create(name="Accessibility", slug="accessibility")
    d.call = PartnerCall.objects.create(
        proposal=d.proposal, description="A research group", created_by=d.users["partner"]
    )
    d.call.capabilities.add(d.capability)
    joining = MembershipFactory(role=Membership.Role.OWNER)
    d.join_request = JoinRequest.objects.create(
        proposal=d.proposal,
        call=d.call,
        organisation=joining.organisation,
        requested_by=joining.user,
        message="We would like to join.",
    )
    d.evaluated = ProposalFactory(challenge=d.evaluation, lead_organisation=d.organisation)
    d.comment = Comment.objects.create(proposal=d.evaluated, author=d.users["resident"], body="Hi")
    d.review = make_review(proposal=d.evaluated, evaluator=d.users["evaluator"], submitted=False)
    d.pilot = PilotFactory(proposal=selected_proposal(lead_organisation=d.organisation))
    d.milestone = MilestoneFactory(pilot=d.pilot)
    d.indicator = IndicatorFactory(pilot=d.pilot)
    d.measurement = MeasurementFactory(indicator=d.indicator)
    d.feedback = add_feedback(d.pilot, 4, user=d.users["resident"])
    d.onsite_token = onsite_token(d.pilot)
    d.import_batch = ImportBatch.objects.create(file_name="paper.csv", channel="paper")
    d.photo = PilotPhoto.objects.create(pilot=d.pilot, image=make_image(), alt_text="A photo")
    d.offering = make_offering(slug="an-offering", providers=[d.organisation])
    procured_pilot = PilotFactory(
        proposal=selected_proposal(), stage="completed", outcome="adopted"
    )
    d.procured_offering = make_offering(slug="a-procured-offering", pilot=procured_pilot)
    procurement_save(pilot=procured_pilot, by=None, method="innovation_partnership")
    d.edit_proposal = OfferingEditProposal.objects.create(
        offering=d.offering, proposed_by=d.users["partner"], changes={"summary": "New"}
    )
    d.document = Document.objects.create(title="Doc", file=ContentFile(b"hello", name="doc.txt"))
    d.theme = ThemeFactory()
    d.group = CustomerGroupFactory()
    d.unit = UnitFactory()
    notice = Notification.objects.create(
        recipient=d.users["resident"], kind=Notification.Kind.UPDATE, subject="A notice"
    )
    d.delivery = Delivery.objects.create(
        notification=notice, recipient=d.users["resident"], mode=Delivery.Mode.DAILY
    )
    return d
