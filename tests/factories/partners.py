import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from partners.models import City, Membership, Organisation, OrganisationInvitation, User
from partners.validators import business_id_check_digit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "en"
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password("pass-word-123")

    class Params:
        unverified = factory.Trait(email_verified_at=None)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


def _business_id(n: int) -> str:
    base = 1000000 + n * 7
    while True:
        digits = f"{base:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
        base += 1


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.COMPANY
    business_id = factory.Sequence(_business_id)
    city = City.ESPOO


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class OrganisationInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationInvitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Membership.Role.MEMBER
    invited_by = None


ROLES = [
    "visitor",
    "unverified",
    "resident",
    "partner_member",
    "partner_owner",
    "evaluator",
    "editor",
    "moderator",
    "superuser",
]


def make_role(role: str, organisation=None):
    """A user in one of the roles of docs/roles.md (AnonymousUser for a visitor).

    Partner roles are members/owners of `organisation` (a new company when not given).
    """
    from django.contrib.auth.models import AnonymousUser

    if role == "visitor":
        return AnonymousUser()
    if role == "unverified":
        return UserFactory(unverified=True)
    if role == "resident":
        return UserFactory()
    if role in ("partner_member", "partner_owner"):
        user = UserFactory()
        MembershipFactory(
            user=user,
            organisation=organisation or OrganisationFactory(),
            role=Membership.Role.OWNER if role == "partner_owner" else Membership.Role.MEMBER,
        )
        return user
    if role == "evaluator":
        return UserFactory(groups=["Evaluators"])
    if role == "editor":
        return UserFactory(groups=["Editors"], is_staff=True)
    if role == "moderator":
        return UserFactory(groups=["Moderators"], is_staff=True)
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    raise ValueError(role)
