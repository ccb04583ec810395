"""The challenge approval workflow: editors submit, moderators approve or reject with a comment."""

from wagtail.models import Workflow, WorkflowPage

CHALLENGE_WORKFLOW_NAME = "Challenge approval"
CHALLENGE_TASK_NAME = "Moderators approve the challenge"


def challenge_workflow() -> Workflow | None:
    """The active workflow created by migration cms.0004 (None if staff deactivated it)."""
    return Workflow.objects.filter(name=CHALLENGE_WORKFLOW_NAME, active=True).first()


def assign_challenge_workflow(index_page) -> bool:
    """Make challenges under `index_page` go through the approval workflow. Idempotent."""
    workflow = challenge_workflow()
    if workflow is None or WorkflowPage.objects.filter(page=index_page).exists():
        return False
    WorkflowPage.objects.create(page=index_page, workflow=workflow)
    return True
