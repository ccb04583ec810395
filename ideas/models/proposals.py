from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.localize import localized
from cms.models import ChallengePage
from partners.channels import ChannelRecorded
from partners.images import ImageSlot, alt_for, image_fields
from partners.models import Language, Organisation
from partners.translated import Translated

COVER_SLOT = ImageSlot.named("cover_image")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
    SHORTLISTED = "shortlisted", pgettext_lazy("proposal status", "Shortlisted")
    SELECTED = "selected", pgettext_lazy("proposal status", "Selected")
    DECLINED = "declined", pgettext_lazy("proposal status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")


class ProposalQuerySet(models.QuerySet):
    def public(self):
        """Proposals anyone may see: the challenge publishes proposals, the team consented,
        past draft and not withdrawn, and no language version of the challenge is in a
        private section (a Wagtail view restriction on it or an ancestor: password, login or
        groups). The one definition of "public" every page, list, feed, the API and the
        catalogue use; `Proposal.is_public` answers the same for one proposal."""
        return (
            self.filter(challenge__proposals_public=True, publication_consent=True)
            .exclude(status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN])
            .exclude(challenge__in=ChallengePage.objects.view_restricted())
        )


class Proposal(ChannelRecorded, Translated):
    # The team writes in its own language (`language`) and may add the others.
    translated_fields = ("title", "summary", "cover_image_alt")

    challenge = models.ForeignKey(
        "cms.ChallengePage",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("challenge"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("description"), blank=True)
    # The confidential parts: seen only by the team, staff and the challenge's assigned
    # evaluators (ideas.rules.can_view_confidential_parts), never published with the rest.
    confidential_pricing = models.TextField(
        _("pricing and cost breakdown"), max_length=4000, blank=True
    )
    confidential_details = models.TextField(
        _("confidential details"),
        max_length=8000,
        blank=True,
        help_text=_("Trade secrets, methods or anything else that must not be published."),
    )
    customer_groups = models.ManyToManyField(
        "cms.CustomerGroup",
        blank=True,
        related_name="proposals",
        verbose_name=_("customer groups served"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_proposals",
        verbose_name=_("lead organisation"),
        help_text=_("Empty for an individual's idea."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="created_proposals",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    publication_consent = models.BooleanField(_("consent to publication"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Uploaded by the team (ideas.services.covers), shown wherever the proposal is.
    cover_image, cover_image_alt, cover_image_decorative = image_fields(_("cover image"))

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [models.Index(fields=["challenge", "status"])]
        constraints = [COVER_SLOT.constraint("proposal_cover_described_or_decorative")]

    def __str__(self) -> str:
        return self.title

    @property
    def share_image(self):
        return self.cover_image

    @property
    def cover_image_alt_text(self) -> str:
        return alt_for(self, COVER_SLOT)

    @property
    def challenge_title(self) -> str:
        """The challenge's title in the active language (its translation, else the original)."""
        return localized(self.challenge).title

    def get_absolute_url(self) -> str:
        return reverse("ideas:proposal-detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        """`ProposalQuerySet.public()` for this proposal. A challenge in a private section
        keeps its proposals confidential even from those who pass its restriction."""
        return (
            self.challenge.proposals_public
            and self.publication_consent
            and self.status not in (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)
            and not self.challenge.is_view_restricted
        )


class TeamMember(models.Model):
    """A co-developer on a proposal's team: an organisation or a person."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO_DEVELOPER = "co_developer", _("Co-developer")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="team", verbose_name=_("proposal")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="team_memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="team_memberships",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.CO_DEVELOPER
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(user__isnull=False),
                name="teammember_has_party",
            ),
            models.UniqueConstraint(
                fields=["proposal", "organisation"],
                condition=Q(organisation__isnull=False),
                name="team_unique_org",
            ),
            models.UniqueConstraint(
                fields=["proposal", "user"],
                condition=Q(user__isnull=False),
                name="team_unique_user",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.user)


class TeamInvitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation", "Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("An organisation (invite its owner)")
        PERSON = "person", _("A person")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("invite"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    # SHA-256 of the token e-mailed to the invitee; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation invited"),
        help_text=_("Empty to invite a person."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        invited = self.organisation.name if self.organisation_id else self.email
        return f"{invited} → {self.proposal}"


class ProposalRevision(models.Model):
    """A saved version of a proposal's text."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal revision")
        verbose_name_plural = _("proposal revisions")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "version"], name="revision_unique_version"),
        ]


class StatusChange(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        pgettext_lazy("status change", "from"), max_length=12, choices=ProposalStatus.choices
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"), max_length=12, choices=ProposalStatus.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(pgettext_lazy("status change", "reason"), blank=True)
    # Staff may say publicly why: shown on the proposal's page and told to its followers.
    public_reason = models.TextField(_("public reason"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at"]


class OfficialAnswer(Translated):
    """The city's answer to a proposal, posted by staff: public, translated, told to followers."""

    translated_fields = ("body",)

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="official_answers"
    )
    body = models.TextField(_("answer"), max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files only views may serve: under TORI_PRIVATE_ROOT, outside MEDIA_ROOT, no URL."""

    @property
    def base_location(self):
        return settings.TORI_PRIVATE_ROOT

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


private_storage = PrivateStorage()


def attachment_path(instance, filename):
    return f"proposals/{instance.proposal_id}/{filename}"


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size"))
    # A confidential attachment is seen like the proposal's confidential parts.
    confidential = models.BooleanField(_("confidential"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "ideas:attachment-download", kwargs={"pk": self.proposal_id, "attachment_pk": self.pk}
        )
