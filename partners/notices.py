"""Following, and the notices followers hear of what became of what they follow.

A person follows a challenge, a proposal or a pilot (a button, or automatically when they vote,
comment, give feedback or join a team, unless they switched that off). The apps register what can
be followed (`register`): who may see an object, its title and page in a language. An event
(`Announcement`) reaches the followers of every object it concerns — a decision on a proposal
reaches those who follow the proposal and those who follow its challenge — once per person
however many of them they follow, and only those who may see what it is about: a confidential
proposal's events reach its team, staff and evaluators, never anyone else.

`publish` takes every event of one action at once (a bulk decision on 200 proposals is one call),
stores one notification per event and person in their languages and hands them all to delivery
together, so each person gets at most one e-mail for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q

from .models import Follow, NoticeEvent, Notification, User
from .notifications import render_texts

Kind = Notification.Kind


@dataclass(frozen=True)
class Followable:
    """What the site needs to know of a model people can follow."""

    can_view: Callable  # (user, obj) -> bool: the one visibility rule of that model
    title: Callable  # (obj, language) -> str
    path: Callable  # (obj, language) -> str: the object's page in that language
    label: object = ""  # what it is, for "What I follow": "Challenge", "Proposal", "Pilot"
    canonical: Callable = staticmethod(lambda obj: obj)  # one object across language copies
    # False for what events are about but people do not follow themselves (an offering).
    can_be_followed: bool = True


_REGISTRY: dict[type, Followable] = {}


def register(model, **kwargs) -> None:
    _REGISTRY[model] = Followable(**kwargs)


def followable(obj) -> Followable | None:
    """What the site knows of `obj` (an object or a model class) as a thing to follow."""
    cls = obj if isinstance(obj, type) else type(obj)
    for model in cls.__mro__:
        if model in _REGISTRY:
            return _REGISTRY[model]
    return None


def kind_label(obj) -> str:
    spec = followable(obj)
    return str(spec.label) if spec else ""


def canonical(obj):
    spec = followable(obj)
    return spec.canonical(obj) if spec else obj


def _key(obj) -> tuple[ContentType, int]:
    obj = canonical(obj)
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), obj.pk


class FollowError(Exception):
    pass


# --- following -----------------------------------------------------------------------------


def can_follow(user, obj) -> bool:
    """A signed-in person may follow what they may see."""
    spec = followable(obj)
    return bool(
        user.is_authenticated and spec and spec.can_be_followed and spec.can_view(user, obj)
    )


def follow(user, obj, *, automatic: bool = False) -> Follow:
    """Follow `obj` (idempotent). Following by hand turns an automatic follow into a chosen one."""
    if not can_follow(user, obj):
        raise FollowError("This cannot be followed.")
    content_type, object_id = _key(obj)
    try:
        with transaction.atomic():
            found, created = Follow.objects.get_or_create(
                user=user,
                content_type=content_type,
                object_id=object_id,
                defaults={"automatic": automatic},
            )
    except IntegrityError:  # a concurrent request followed it first
        found, created = (
            Follow.objects.get(user=user, content_type=content_type, object_id=object_id),
            False,
        )
    if not created and found.automatic and not automatic:
        Follow.objects.filter(pk=found.pk).update(automatic=False)
        found.automatic = False
    return found


def follow_automatically(user, obj, *, seen: bool = False) -> None:
    """Follow because the person took part (voted, commented, gave feedback, joined a team),
    unless they switched automatic following off in their notice choices. One statement that
    leaves an existing follow as it is; `seen` says the caller has already checked that the
    person may see `obj` (the vote path, which counts its queries)."""
    if not getattr(user, "auto_follow", False):
        return
    if not seen and not can_follow(user, obj):
        return
    content_type, object_id = _key(obj)
    Follow.objects.bulk_create(
        [Follow(user=user, content_type=content_type, object_id=object_id, automatic=True)],
        ignore_conflicts=True,
    )


def unfollow(user, obj) -> bool:
    content_type, object_id = _key(obj)
    deleted, _rows = Follow.objects.filter(
        user=user, content_type=content_type, object_id=object_id
    ).delete()
    return bool(deleted)


def is_following(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    content_type, object_id = _key(obj)
    return Follow.objects.filter(user=user, content_type=content_type, object_id=object_id).exists()


def followed_by(user) -> list[tuple[Follow, object]]:
    """What `user` follows, newest first, as (follow, object) for objects that still exist and
    that they may still see. One query per kind of object."""
    follows = list(Follow.objects.filter(user=user).select_related("content_type"))
    by_type: dict[int, list[Follow]] = {}
    for row in follows:
        by_type.setdefault(row.content_type_id, []).append(row)
    objects: dict[tuple[int, int], object] = {}
    for rows in by_type.values():
        model = rows[0].content_type.model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=[r.object_id for r in rows]):
            objects[(rows[0].content_type_id, obj.pk)] = obj
    result = []
    for row in follows:
        obj = objects.get((row.content_type_id, row.object_id))
        spec = followable(obj) if obj is not None else None
        if spec and spec.can_view(user, obj):
            result.append((row, obj))
    return result


def follower_ids(objects: Iterable) -> set[int]:
    """The people who follow any of `objects` (one query)."""
    condition = Q()
    for obj in objects:
        if obj is None:
            continue
        content_type, object_id = _key(obj)
        condition |= Q(content_type=content_type, object_id=object_id)
    if not condition:
        return set()
    return set(Follow.objects.filter(condition).values_list("user_id", flat=True))


# --- events --------------------------------------------------------------------------------


@dataclass
class Audience:
    """People told of an event in one wording: e.g. a proposal's team, then its followers."""

    users: Iterable  # User objects or ids
    subject: object
    body: object
    kind: str = Kind.UPDATE
    params: dict | None = None  # instead of the announcement's (a team hears the private reason)


@dataclass
class Announcement:
    """One event: what happened (`kind`, `subject`), whose followers hear of it (`about`), in
    what words, linking where. `key` names the event so it is recorded and told only once."""

    key: str
    kind: str
    subject: object  # the object the event is about: its visibility decides who may hear
    about: list  # the followed objects whose followers hear of it
    title: object  # lazy text with %-params
    body: object
    params: dict
    path: Callable  # (language) -> path of the page to open
    group: object = None  # the challenge, for grouping digests
    group_title: Callable | None = None  # (language) -> the challenge's title
    audiences: list[Audience] = field(default_factory=list)  # told before followers
    except_user_id: int | None = None  # the person who acted hears nothing of it


def publish(announcements: Iterable[Announcement]) -> list[Notification]:
    """Record each event once and tell the people it concerns, each once, in their languages;
    then hand every notice of the call to delivery together."""
    from . import delivery

    created: list[Notification] = []
    for announcement in announcements:
        created.extend(_publish_one(announcement))
    if created:
        delivery.schedule(created)
    return created


def _publish_one(announcement: Announcement) -> list[Notification]:
    content_type = ContentType.objects.get_for_model(announcement.subject, for_concrete_model=False)
    with transaction.atomic():
        event, new = NoticeEvent.objects.get_or_create(
            key=announcement.key[:100],
            defaults={
                "kind": announcement.kind,
                "content_type": content_type,
                "object_id": announcement.subject.pk,
            },
        )
        if not new:
            return []  # told already
        spec = followable(announcement.subject)
        if spec is None:  # fail closed: no one hears of what has no visibility rule
            raise LookupError(f"{type(announcement.subject).__name__} is not registered")
        wordings: dict[int, Audience] = {}
        for audience in announcement.audiences:
            for user in audience.users:
                wordings.setdefault(getattr(user, "pk", user), audience)
        followers = Audience(
            users=(), subject=announcement.title, body=announcement.body, kind=Kind.UPDATE
        )
        for user_id in follower_ids(announcement.about):
            wordings.setdefault(user_id, followers)
        wordings.pop(announcement.except_user_id, None)
        if not wordings:
            return []
        users = User.objects.filter(pk__in=wordings, is_active=True)
        rendered: dict[int, dict] = {}
        group_key, group_titles = _group(announcement)
        notifications = []
        for user in users:
            if not spec.can_view(user, announcement.subject):
                continue  # never tell anyone of what they may not see
            audience = wordings[user.pk]
            if id(audience) not in rendered:
                params = announcement.params if audience.params is None else audience.params
                texts = render_texts(audience.subject, audience.body, params)
                for code, title in group_titles.items():
                    texts[code]["group"] = title
                rendered[id(audience)] = texts
            texts = rendered[id(audience)]
            language = user.preferred_language or settings.LANGUAGE_CODE
            own = texts.get(language) or texts[settings.LANGUAGE_CODE]
            notifications.append(
                Notification(
                    recipient=user,
                    kind=audience.kind,
                    subject=own["subject"],
                    body=own["body"],
                    texts=texts,
                    url=announcement.path(language),
                    event=event,
                    group_key=group_key,
                )
            )
        Notification.objects.bulk_create(notifications)
    return notifications


def _group(announcement: Announcement) -> tuple[str, dict[str, str]]:
    if announcement.group is None:
        return "", {}
    group = canonical(announcement.group)
    titles = {}
    if announcement.group_title is not None:
        titles = {code: announcement.group_title(code) for code, _n in settings.LANGUAGES}
    return f"challenge:{group.pk}", titles
