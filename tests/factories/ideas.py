import factory
from django.utils import timezone

from ideas.models import Proposal, ProposalStatus, TeamMember

from .partners import OrganisationFactory, UserFactory


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal with its lead team member (the lead organisation)."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    challenge = None  # pass challenge=make_challenge(...)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    summary = "A short summary."
    body = "The whole description."
    language = "en"
    lead_organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)
    status = ProposalStatus.SUBMITTED
    publication_consent = True
    submitted_at = factory.LazyAttribute(
        lambda o: None if o.status == ProposalStatus.DRAFT else timezone.now()
    )

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if not create:
            return
        if self.lead_organisation_id:
            TeamMember.objects.create(
                proposal=self, organisation=self.lead_organisation, role=TeamMember.Role.LEAD
            )
        else:
            TeamMember.objects.create(
                proposal=self, user=self.created_by, role=TeamMember.Role.LEAD
            )
