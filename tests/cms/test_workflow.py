"""Approval workflow: editors submit, moderators approve or reject; drafts are 404 to the public."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageLogEntry, WorkflowState

from cms.workflows import CHALLENGE_WORKFLOW_NAME, assign_challenge_workflow, challenge_workflow
from tests.factories.cms import challenge_index, make_challenge
from tests.factories.partners import UserFactory


@pytest.fixture
def people(db):
    return {
        "editor": UserFactory(groups=["Editors"]),
        "moderator": UserFactory(groups=["Moderators"]),
    }


@pytest.fixture
def index(db):
    page = challenge_index()
    assign_challenge_workflow(page)
    return page


def _submit(page, editor):
    page.save_revision(user=editor)
    return page.get_workflow().start(page, editor)


def _act(page, user, action, comment=""):
    state = WorkflowState.objects.get(pk=page.workflow_states.filter(status="in_progress").get().pk)
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


@pytest.mark.django_db
def test_the_migration_creates_the_workflow_with_a_moderators_task():
    workflow = challenge_workflow()
    assert workflow.name == CHALLENGE_WORKFLOW_NAME
    (task,) = [t.specific for t in workflow.tasks.all()]
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


@pytest.mark.django_db
def test_challenges_under_the_index_use_the_challenge_workflow(index):
    page = make_challenge(publish=False)
    assert page.get_workflow() == challenge_workflow()
    assert assign_challenge_workflow(index) is False  # idempotent


@pytest.mark.django_db
def test_editors_add_and_edit_challenges_but_do_not_publish(people, index):
    editor, moderator = people["editor"], people["moderator"]
    page = make_challenge(publish=False)
    assert index.permissions_for_user(editor).can_add_subpage()
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()
    assert (
        Group.objects.get(name="Editors")
        .page_permissions.filter(permission__codename="publish_page")
        .count()
        == 0
    )


@pytest.mark.django_db
def test_an_unpublished_challenge_is_404_and_an_approved_one_is_visible(client, people, index):
    editor, moderator = people["editor"], people["moderator"]
    page = make_challenge(title="Family weekends", publish=False)
    url = page.get_url()
    assert client.get(url).status_code == 404

    _submit(page, editor)
    assert client.get(url).status_code == 404  # in moderation: still not public

    _act(page, moderator, "approve", comment="Clear and well scoped.")
    page.refresh_from_db()
    assert page.live
    response = client.get(url)
    assert response.status_code == 200
    assert "Family weekends" in response.content.decode()

    approval = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert approval.user == moderator
    assert approval.data["comment"] == "Clear and well scoped."
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.start").exists()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


@pytest.mark.django_db
def test_a_rejected_challenge_stays_hidden_and_the_comment_is_logged(client, people, index):
    editor, moderator = people["editor"], people["moderator"]
    page = make_challenge(publish=False)
    workflow_state = _submit(page, editor)
    _act(page, moderator, "reject", comment="Add a budget, please.")
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.get_url()).status_code == 404
    rejection = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert rejection.data["comment"] == "Add a budget, please."


@pytest.mark.django_db
def test_editor_submits_for_moderation_through_the_admin(client, people, index):
    editor = people["editor"]
    page = make_challenge(title="Remote lessons", publish=False)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="action-submit"' in content
    assert 'name="action-publish"' not in content


@pytest.mark.django_db
def test_editors_translate_snippets_and_pages_in_the_admin(client, people):
    from wagtail.models import Locale

    from cms.models import CustomerGroup
    from tests.factories.cms import CustomerGroupFactory

    editor = people["editor"]
    assert editor.has_perm("wagtail_localize.submit_translation")
    assert editor.has_perm("cms.change_customergroup") and editor.has_perm("cms.add_theme")
    group = CustomerGroupFactory(name="Ikääntyneet")
    client.force_login(editor)
    assert client.get("/admin/snippets/cms/customergroup/").status_code == 200
    sv = Locale.objects.get(language_code="sv")
    response = client.post(
        f"/admin/localize/submit/snippet/cms/customergroup/{group.pk}/", {"locales": [sv.pk]}
    )
    assert response.status_code == 302
    assert CustomerGroup.objects.filter(locale=sv, translation_key=group.translation_key).exists()
