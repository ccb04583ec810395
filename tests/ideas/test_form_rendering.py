"""Every form tells its limits before it is sent and shows its errors next to their field,
with a summary first in the form that links to each (one renderer for the whole site)."""

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from ideas.forms import AcceptInvitationForm, AttachmentForm, CommentForm
from marketplace.forms import FeedbackForm, PilotStageForm
from partners.models import Organisation
from tests.factories.marketplace import PilotFactory

from .proposal_helpers import EXE, challenge, partner, private_root, proposal_with_lead  # noqa: F401
from .test_proposals_attachments import upload

pytestmark = pytest.mark.django_db


class LimitedForm(forms.Form):
    note = forms.CharField(label="Note", max_length=600, widget=forms.Textarea)
    name = forms.CharField(label="Name", max_length=40, help_text="As on your card.")


def test_a_limited_textarea_says_its_limit_in_the_markup_and_the_help_text():
    html = str(LimitedForm())
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'maxlength="600"' in textarea and 'data-count="600"' in textarea
    assert 'aria-describedby="id_note_helptext"' in textarea
    assert re.search(r'id="id_note_helptext">At most 600 characters\.<', html)
    assert "As on your card. At most 40 characters." in html


def test_the_limit_is_said_in_finnish_and_swedish():
    with translation.override("fi"):
        assert "Enintään 600 merkkiä." in str(LimitedForm())
    with translation.override("sv"):
        assert "Högst 600 tecken." in str(LimitedForm())


def test_the_comment_box_counts_to_its_limit():
    html = str(CommentForm())
    assert 'data-count="4000"' in html and 'maxlength="4000"' in html


def test_errors_sit_by_their_field_and_a_summary_links_to_each():
    form = LimitedForm(data={"note": "", "name": ""})
    assert not form.is_valid()
    html = str(form)
    summary = html.index('class="error-summary"')
    assert summary < html.index("<label")  # first in the form
    assert 'tabindex="-1" autofocus' in html
    assert '<a href="#id_note">Note: This field is required.</a>' in html
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_note_helptext id_note_error"' in textarea
    # the error comes right after the label and help, before the input
    error = html.index('id="id_note_error"')
    assert html.index('for="id_note"') < error < html.index("<textarea")


def test_no_form_preselects_a_dash_choice():
    pilot = PilotFactory()
    for form in (
        FeedbackForm(pilot=pilot),
        PilotStageForm(pilot=pilot),
        AcceptInvitationForm(organisations=Organisation.objects.all()),
    ):
        assert "---------" not in str(form), type(form).__name__
        assert '<option value="">—</option>' not in str(form)


def test_a_refused_attachment_shows_its_error_at_the_file_input(client, private_root):  # noqa: F811
    proposal, lead = proposal_with_lead()
    client.force_login(lead)
    response = client.post(
        reverse("ideas:attachment-upload", kwargs={"pk": proposal.pk}),
        {"file": upload("tool.pdf", EXE)},
    )
    html = response.content.decode()
    assert response.status_code == 200
    file_input = re.search(r'<input type="file" name="file"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in file_input
    assert "id_file_error" in file_input
    assert '<a href="#id_file">' in html
    assert "PDF, PNG or JPEG, at most" in html  # the allowed types, said before choosing


def test_the_allowed_file_types_are_said_in_the_language_of_the_page():
    with translation.override("en"):
        assert "PDF, PNG or JPEG, at most" in str(AttachmentForm())
    with translation.override("fi"):
        assert "PDF, PNG tai JPEG, enintään" in str(AttachmentForm())


def test_every_page_loads_the_live_count_script_deferred_from_the_site(client):
    from django.contrib.staticfiles import finders

    html = client.get(reverse("partners:login")).content.decode()
    assert re.search(r'<script src="/static/js/forms\.js" defer></script>', html)
    script = open(finders.find("js/forms.js"), encoding="utf-8").read()
    assert "aria-live" in script and "data-count" in script
