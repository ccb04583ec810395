"""Privacy rights (GDPR): export everything stored about a user, erase an account.

`partners` may import nothing from the later apps, so both services find the data generically
through the app registry: every model with a ForeignKey, OneToOneField or ManyToManyField to the
user model, in any app (Tori's and Wagtail's), plus every row whose e-mail field holds the
user's address (invitations sent to them).

Erasure keeps public counts consistent. Rows named in ``ANONYMISE`` (votes, vote budgets,
evaluator scores, pilot feedback) are reassigned to a per-account anonymous placeholder user,
so vote totals, rankings and feedback averages do not change. Every other row that the
database would cascade-delete is deleted; nullable references (comment authors, revision
authors, uploads, log entries) are set to NULL, so comments stay in the discussion as
"Deleted user". The user's e-mail address and display name are finally scrubbed from free text
(notifications sent to other people, admin log labels), and their sessions are deleted.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import signals
from .models import Membership

# Model label -> user field: rows reassigned to the anonymous placeholder on erasure, so counts
# stay consistent. Labels, not imports: partners does not import the later apps.
ANONYMISE: dict[str, tuple[str, ...]] = {
    "ideas.Vote": ("user",),
    "ideas.VoteQuota": ("user",),
    "ideas.Review": ("evaluator",),
    "marketplace.Feedback": ("user",),
}
# Free-text fields scrubbed of the user's display name (other people's copies of it).
SCRUB_NAME_IN: dict[str, tuple[str, ...]] = {
    "partners.Notification": ("subject", "body", "texts"),
    "wagtailcore.ModelLogEntry": ("label",),
    "wagtailcore.PageLogEntry": ("label",),
}
# Never exported: secrets, not information about the person.
EXPORT_EXCLUDE = {"password"}
REDACTED = "[deleted account]"


@dataclass(frozen=True)
class UserRelation:
    """One field on one model pointing at the user model."""

    model: type[models.Model]
    field: models.Field

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"


def user_relations() -> list[UserRelation]:
    """Every FK/O2O/M2M to the user model in any installed app (concrete fields, deduplicated)."""
    user_model = get_user_model()
    seen = set()
    result = []
    for model in apps.get_models(include_auto_created=False):
        for f in model._meta.get_fields():
            if not f.is_relation or f.auto_created or not f.concrete and not f.many_to_many:
                continue
            if f.related_model is not user_model:
                continue
            owner = f.model  # the concrete model declaring the field (Page for its subclasses)
            key = (owner._meta.label, f.name)
            if key in seen:
                continue
            seen.add(key)
            result.append(UserRelation(owner, f))
    return sorted(result, key=lambda r: r.key)


def email_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every EmailField outside the user model (invitations addressed to someone)."""
    user_model = get_user_model()
    result = []
    for model in apps.get_models():
        if model is user_model or model._meta.proxy:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.EmailField) and f.model is model:
                result.append((model, f))
    return result


# ---------------------------------------------------------------------------------------------
# Export


def _rows(queryset) -> list[dict]:
    rows = []
    for item in serializers.serialize("python", queryset):
        fields = {k: v for k, v in item["fields"].items() if k not in EXPORT_EXCLUDE}
        rows.append({"model": item["model"], "pk": item["pk"], "fields": fields})
    return rows


def export_user_data(*, user) -> dict:
    """Everything stored about ``user``: their account row and every row referring to them."""
    user_model = get_user_model()
    data = {
        "generated_at": timezone.now().isoformat(),
        "account": _rows(user_model.objects.filter(pk=user.pk)),
        "related": {},
        "addressed_to_email": {},
    }
    for relation in user_relations():
        manager = relation.model._base_manager
        data["related"][relation.key] = _rows(
            manager.filter(**{relation.field.name: user}).order_by("pk")
        )
    for model, f in email_fields():
        rows = _rows(model._base_manager.filter(**{f"{f.name}__iexact": user.email}).order_by("pk"))
        if rows:
            data["addressed_to_email"][f"{model._meta.label}.{f.name}"] = rows
    sessions = [s.pk for s in _sessions_of(user)]
    data["sessions"] = [{"expires": s.expire_date} for s in Session.objects.filter(pk__in=sessions)]
    return data


def export_user_data_json(*, user) -> str:
    return json.dumps(export_user_data(user=user), cls=DjangoJSONEncoder, indent=2, default=str)


# ---------------------------------------------------------------------------------------------
# Erasure


@dataclass
class ErasureBlocker:
    message: str
    url: str
    link_text: str


class ErasureRefused(Exception):
    def __init__(self, blockers: list[ErasureBlocker]):
        super().__init__("; ".join(b.message for b in blockers))
        self.blockers = blockers


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def erasure_blockers(*, user) -> list[ErasureBlocker]:
    """What the user must do first: hand over organisations that lead proposals, and withdraw
    or hand over the proposals they lead as an individual."""
    blockers = []
    team_member = _model("ideas.TeamMember")
    proposal_model = _model("ideas.Proposal")
    owned = Membership.objects.filter(user=user, role=Membership.Role.OWNER).select_related(
        "organisation"
    )
    for membership in owned:
        organisation = membership.organisation
        other_owners = (
            Membership.objects.filter(organisation=organisation, role=Membership.Role.OWNER)
            .exclude(user=user)
            .exists()
        )
        leads = (
            proposal_model is not None
            and proposal_model._base_manager.filter(lead_organisation=organisation).exists()
        )
        if not other_owners and leads:
            blockers.append(
                ErasureBlocker(
                    message=_(
                        "You are the only owner of %(name)s, which leads proposals. Hand the "
                        "ownership over to another member first."
                    )
                    % {"name": organisation.name},
                    url=reverse(
                        "partners:organisation-members", kwargs={"slug": organisation.slug}
                    ),
                    link_text=_("Members of %(name)s") % {"name": organisation.name},
                )
            )
    if team_member is not None:
        led = (
            team_member._base_manager.filter(user=user, role="lead", organisation__isnull=True)
            .exclude(proposal__status__in=["draft", "withdrawn"])
            .select_related("proposal")
        )
        for member in led:
            proposal = member.proposal
            blockers.append(
                ErasureBlocker(
                    message=_(
                        "You are the author of the proposal “%(title)s”. Withdraw it first (or "
                        "ask staff to hand it over to a co-developer)."
                    )
                    % {"title": proposal.title},
                    url=proposal.get_absolute_url(),
                    link_text=proposal.title,
                )
            )
    return blockers


def _sessions_of(user):
    wanted = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now() - timezone.timedelta(1)):
        try:
            if session.get_decoded().get("_auth_user_id") == wanted:
                yield session
        except Exception:  # noqa: BLE001, S112 - a corrupt session is not ours
            continue


def _placeholder(user_model):
    """A per-account anonymous user that keeps votes and scores counted."""
    token = uuid.uuid4().hex
    placeholder = user_model(
        email=f"deleted-{token}@invalid.example",
        display_name=str(_("Deleted user")),
        is_active=False,
        # Never "unverified": the retention command must not erase it again.
        email_verified_at=timezone.now(),
    )
    placeholder.set_unusable_password()
    placeholder.save()
    return placeholder


def _scrub(model, field_names, needle: str, *, words: bool) -> None:
    if not needle:
        return
    pattern = re.compile(
        (r"\b" + re.escape(needle) + r"\b") if words else re.escape(needle), re.IGNORECASE
    )
    condition = Q()
    rows = model._base_manager.all()
    # JSON columns (translations, texts in every language) are matched as text: as stored
    # (SQLite keeps non-ASCII letters escaped) and as read (PostgreSQL's jsonb::text).
    escaped = json.dumps(needle)[1:-1]
    for name in field_names:
        if isinstance(model._meta.get_field(name), models.JSONField):
            rows = rows.annotate(**{f"_{name}_text": Cast(name, models.TextField())})
            condition |= Q(**{f"_{name}_text__icontains": needle})
            condition |= Q(**{f"_{name}_text__icontains": escaped})
        else:
            condition |= Q(**{f"{name}__icontains": needle})
    scrubbed = []
    for row in rows.filter(condition):
        changed = []
        for name in field_names:
            value = getattr(row, name)
            cleaned = _scrubbed(value, pattern)
            if cleaned != value:
                setattr(row, name, cleaned)
                changed.append(name)
        if changed:
            model._base_manager.filter(pk=row.pk).update(**{n: getattr(row, n) for n in changed})
            scrubbed.append(row.pk)
    # The search index holds copies of public texts (a proposal quoting the address).
    signals.updated(model, scrubbed)


def _scrubbed(value, pattern):
    """`value` with the pattern redacted in every string (nested in JSON too)."""
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, dict):
        return {key: _scrubbed(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, pattern) for item in value]
    return value


def _text_fields(model):
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        and f.model is model
        and not f.choices
    ]


@transaction.atomic
def erase_account(*, user) -> None:
    """Erase ``user``'s personal data. Raises ErasureRefused when they must act first."""
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    blockers = erasure_blockers(user=user)
    if blockers:
        raise ErasureRefused(blockers)
    email, name = user.email, user.display_name

    # Individual drafts die with the account (no one else can see or finish them).
    team_member = _model("ideas.TeamMember")
    if team_member is not None:
        drafts = team_member._base_manager.filter(
            user=user, role="lead", organisation__isnull=True, proposal__status="draft"
        ).values_list("proposal_id", flat=True)
        _model("ideas.Proposal")._base_manager.filter(pk__in=list(drafts)).delete()

    placeholder = None
    for relation in user_relations():
        model, f = relation.model, relation.field
        manager = model._base_manager
        label = model._meta.label
        if f.many_to_many:
            continue  # the M2M rows go with the user
        rows = manager.filter(**{f.name: user})
        if label in ANONYMISE and f.name in ANONYMISE[label]:
            if rows.exists():
                placeholder = placeholder or _placeholder(user_model)
                rows.update(**{f.name: placeholder})
        elif f.null:
            rows.update(**{f.name: None})
        # Otherwise the database cascade deletes the rows with the user.

    for model, f in email_fields():
        model._base_manager.filter(**{f"{f.name}__iexact": email}).delete()

    # Log entries about the user's own account carry their name in the label.
    log_model = _model("wagtailcore.ModelLogEntry")
    if log_model is not None:
        log_model._base_manager.filter(
            content_type=ContentType.objects.get_for_model(user_model), object_id=str(user.pk)
        ).delete()

    for session in list(_sessions_of(user)):
        session.delete()

    user.delete()

    for label, field_names in SCRUB_NAME_IN.items():
        model = _model(label)
        if model is not None and len(name) >= 3:
            _scrub(model, field_names, name, words=True)
    # The address is unique: scrub it from every text column in every table.
    for model in apps.get_models():
        if model is user_model or model._meta.proxy:
            continue
        names = _text_fields(model)
        if names:
            _scrub(model, names, email, words=False)


# ---------------------------------------------------------------------------------------------
# Retention


def unverified_accounts(*, now=None):
    """Unverified accounts older than TORI_UNVERIFIED_MAX_AGE_DAYS (staff never count)."""
    now = now or timezone.now()
    days = settings.TORI_UNVERIFIED_MAX_AGE_DAYS
    return get_user_model().objects.filter(
        email_verified_at__isnull=True,
        is_staff=False,
        is_superuser=False,
        date_joined__lt=now - timezone.timedelta(days=days),
    )
