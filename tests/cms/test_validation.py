"""Schedule and settings validation: a clear message on the field, in the model and the admin."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import ChallengePage, EvaluationCriterion
from tests.factories.cms import UnitFactory, challenge_index, make_challenge
from tests.factories.partners import UserFactory

DAY = timedelta(days=1)


def _valid_fields(**overrides):
    start = timezone.now().replace(microsecond=0)
    fields = {
        "title": "Challenge",
        "slug": "challenge",
        "summary": "Summary",
        "proposals_open": start,
        "proposals_close": start + 10 * DAY,
        "voting_open": start + 10 * DAY,
        "voting_close": start + 20 * DAY,
        "evaluation_end": start + 30 * DAY,
        "pilots_end": start + 40 * DAY,
    }
    fields.update(overrides)
    return fields


def _errors(**overrides) -> dict:
    criteria = overrides.pop("criteria", [("Impact", Decimal(1))])
    page = ChallengePage(**_valid_fields(**overrides))
    page.criteria = [EvaluationCriterion(name=n, weight=w) for n, w in criteria]
    page.path, page.depth = challenge_index().path + "9999", challenge_index().depth + 1
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_a_valid_challenge_passes():
    page = ChallengePage(**_valid_fields())
    page.criteria = [EvaluationCriterion(name="Impact", weight=1)]
    challenge_index().add_child(instance=page)  # saving a live page runs full_clean
    assert page.pk


def _start():
    return _valid_fields()["proposals_open"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"proposals_close_offset": 0}, "proposals_close", "Proposals must close after they open."),
        (
            {"voting_open_offset": 9},
            "voting_open",
            "Voting must open when proposals close or later.",
        ),
        ({"voting_close_offset": 10}, "voting_close", "Voting must close after it opens."),
        (
            {"voting_close": None},
            "voting_close",
            "Give both voting dates, or leave both empty for no voting.",
        ),
        (
            {"voting_open": None},
            "voting_open",
            "Give both voting dates, or leave both empty for no voting.",
        ),
        (
            {"evaluation_end_offset": 20},
            "evaluation_end",
            "Evaluation must end after proposals and voting close.",
        ),
        (
            {"pilots_end_offset": 30},
            "pilots_end",
            "The pilot period must end after evaluation ends.",
        ),
        ({"budget_eur": -1}, "budget_eur", "The budget cannot be negative."),
        ({"pilot_length_weeks": -2}, "pilot_length_weeks", "The pilot length cannot be negative."),
        (
            {"votes_per_resident": -1},
            "votes_per_resident",
            "The number of votes cannot be negative.",
        ),
        (
            {"resident_vote_weight": Decimal("1.5")},
            "resident_vote_weight",
            "The weight must be between 0 and 1.",
        ),
        (
            {"resident_vote_weight": Decimal("-0.1")},
            "resident_vote_weight",
            "The weight must be between 0 and 1.",
        ),
    ],
)
def test_each_rule_reports_on_its_field(overrides, field, message):
    start = _start()
    resolved = {}
    for key, value in overrides.items():
        if key.endswith("_offset"):
            resolved[key.removesuffix("_offset")] = start + value * DAY
        else:
            resolved[key] = value
    errors = _errors(**resolved)
    assert message in errors[field]


@pytest.mark.django_db
def test_evaluation_must_end_after_proposals_close_without_voting():
    start = _start()
    errors = _errors(voting_open=None, voting_close=None, evaluation_end=start + 10 * DAY)
    assert errors["evaluation_end"] == ["Evaluation must end after proposals close."]


@pytest.mark.django_db
def test_voting_may_open_exactly_when_proposals_close_and_weights_0_and_1_are_allowed():
    page = ChallengePage(**_valid_fields(resident_vote_weight=Decimal("1")))
    page.criteria = [EvaluationCriterion(name="Impact", weight=1)]
    challenge_index().add_child(instance=page)
    page.resident_vote_weight = Decimal("0")
    page.full_clean()


@pytest.mark.django_db
def test_at_least_one_criterion_and_weights_above_zero():
    assert _errors(criteria=[])["criteria"] == ["Add at least one evaluation criterion."]
    assert _errors(criteria=[("Impact", Decimal(0))])["criteria"] == [
        "Every evaluation criterion needs a weight above zero."
    ]


# --- The Wagtail admin form ----------------------------------------------------------------


def _admin_post(client, index, url=None, **overrides):
    start = _start()
    fmt = "%Y-%m-%d %H:%M"
    data = {
        "title": "Family weekends",
        "slug": "family-weekends",
        "owner_unit": "Espoo City Museum",
        "unit": str(UnitFactory().pk),
        "summary": "What would make families stay all day?",
        "body": streamfield([]),
        "budget_eur": "20000",
        "pilot_length_weeks": "8",
        "criteria": inline_formset([{"name": "Impact", "description": "", "weight": "2"}], min=1),
        "proposals_open": start.strftime(fmt),
        "proposals_close": (start + 10 * DAY).strftime(fmt),
        "voting_open": (start + 10 * DAY).strftime(fmt),
        "voting_close": (start + 20 * DAY).strftime(fmt),
        "evaluation_end": (start + 30 * DAY).strftime(fmt),
        "pilots_end": (start + 40 * DAY).strftime(fmt),
        "votes_per_resident": "3",
        "resident_vote_weight": "0.3",
        "comments": inline_formset([]),
        "action-publish": "publish",
        "search_description": "",
        "seo_title": "",
    }
    data.update(overrides)
    url = url or f"/admin/pages/add/cms/challengepage/{index.pk}/"
    return client.post(url, nested_form_data(data))


@pytest.fixture
def admin_client_user(client, db):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_form_publishes_a_valid_challenge(admin_client_user):
    index = challenge_index()
    response = _admin_post(admin_client_user, index)
    assert response.status_code == 302, response.context["form"].errors
    page = ChallengePage.objects.get(slug="family-weekends")
    assert page.live
    assert [c.name for c in page.criteria.all()] == ["Impact"]
    assert page.unit is not None


@pytest.mark.django_db
def test_a_new_challenge_needs_its_unit(admin_client_user):
    response = _admin_post(admin_client_user, challenge_index(), unit="")
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        "Choose the unit that publishes the challenge."
    ]


@pytest.mark.django_db
def test_admin_form_shows_schedule_errors_on_the_fields(admin_client_user):
    start = _start()
    response = _admin_post(
        admin_client_user,
        challenge_index(),
        proposals_close=start.strftime("%Y-%m-%d %H:%M"),
        pilots_end=(start + 30 * DAY).strftime("%Y-%m-%d %H:%M"),
        budget_eur="-5",
        resident_vote_weight="2",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["proposals_close"] == ["Proposals must close after they open."]
    assert errors["pilots_end"] == ["The pilot period must end after evaluation ends."]
    assert errors["budget_eur"] == ["The budget cannot be negative."]
    assert "The weight must be between 0 and 1." in errors["resident_vote_weight"]
    assert not ChallengePage.objects.filter(slug="family-weekends").exists()
    assert "Proposals must close after they open." in response.content.decode()


@pytest.mark.django_db
def test_admin_form_requires_a_criterion_with_a_positive_weight(admin_client_user):
    index = challenge_index()
    response = _admin_post(admin_client_user, index, criteria=inline_formset([], min=1))
    assert response.status_code == 200
    assert (
        "Add at least one evaluation criterion."
        in response.context["form"].formsets["criteria"].non_form_errors()
    )

    response = _admin_post(
        admin_client_user,
        index,
        criteria=inline_formset([{"name": "Impact", "description": "", "weight": "0"}], min=1),
    )
    assert response.status_code == 200
    criterion_form = response.context["form"].formsets["criteria"].forms[0]
    assert criterion_form.errors["weight"] == ["The weight must be above zero."]
    assert not ChallengePage.objects.filter(slug="family-weekends").exists()


@pytest.mark.django_db
def test_admin_edit_of_existing_challenge_keeps_its_criteria(admin_client_user):
    page = make_challenge(title="Existing", criteria=(("Impact", 2), ("Cost", 1)))
    response = admin_client_user.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    for name in (
        "proposals_open",
        "voting_close",
        "individuals_may_submit",
        "resident_vote_weight",
    ):
        assert f'name="{name}"' in content
    first, second = page.criteria.all()
    response = _admin_post(
        admin_client_user,
        None,
        url=f"/admin/pages/{page.pk}/edit/",
        slug=page.slug,
        criteria=inline_formset(
            [
                {"id": first.pk, "name": "Impact", "description": "", "weight": "3"},
                {"id": second.pk, "name": "Cost", "description": "", "weight": "1", "DELETE": "1"},
            ],
            initial=2,
            min=1,
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert [(c.name, c.weight) for c in page.criteria.all()] == [("Impact", Decimal("3.00"))]


@pytest.mark.django_db
def test_admin_refuses_deleting_the_last_criterion(admin_client_user):
    page = make_challenge(title="Existing", criteria=(("Impact", 2),))
    (only,) = page.criteria.all()
    response = _admin_post(
        admin_client_user,
        None,
        url=f"/admin/pages/{page.pk}/edit/",
        slug=page.slug,
        criteria=inline_formset(
            [{"id": only.pk, "name": "Impact", "description": "", "weight": "2", "DELETE": "1"}],
            initial=1,
            min=1,
        ),
    )
    assert response.status_code == 200
    assert (
        "Add at least one evaluation criterion."
        in response.context["form"].formsets["criteria"].non_form_errors()
    )
