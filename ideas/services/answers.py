"""The city's official answers to proposals: posted by staff, public with the proposal,
translated, and told to the proposal's team and followers."""

from django.db import transaction
from django.utils.translation import gettext as _

from partners.translated import clean_translations

from .. import rules
from ..models import OfficialAnswer, Proposal
from . import notices
from .proposals import ProposalError


def post_official_answer(
    *, proposal: Proposal, by, body: str, language: str, translations: dict | None = None
) -> OfficialAnswer:
    if not rules.proposals.can_post_official_answer(by, proposal):
        raise ProposalError(_("Only staff answer a submitted proposal for the city."))
    body = (body or "").strip()
    if not body:
        raise ProposalError(_("Write the answer."))
    with transaction.atomic():
        answer = OfficialAnswer.objects.create(
            proposal=proposal,
            author=by,
            body=body,
            language=language,
            translations=clean_translations(
                translations, fields=OfficialAnswer.translated_fields, original=language
            ),
        )
        transaction.on_commit(lambda: notices.official_answer_posted(answer=answer))
    return answer
