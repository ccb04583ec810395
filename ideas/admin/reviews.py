"""Wagtail admin for evaluation (registered from ideas/wagtail_hooks.py).

- Evaluator assignments: a ModelViewSet, filtered by challenge; only Evaluators-group members
  can be chosen (the model's `limit_choices_to`).
- Reviews: read and delete for staff (to lift a conflict of interest declared by mistake).

The ranking per challenge and staff decisions: ranking.py.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.localize import ItemChoiceField, ItemChoiceFilter, originals
from cms.models import ChallengePage
from partners.admin_access import RulePermissionPolicy
from partners.admin_display import yes_no_column

from ..models import EvaluatorAssignment, Review
from ..rules import reviews as review_rules

# Staff (editors, moderators) assign evaluators; they read reviews and delete one (to lift a
# conflict of interest declared by mistake), never write them.
register_permission_policy(
    EvaluatorAssignment,
    RulePermissionPolicy(
        EvaluatorAssignment,
        predicate=review_rules.can_view_ranking,
        actions={"add", "change", "delete", "view"},
    ),
)


register_permission_policy(
    Review,
    RulePermissionPolicy(
        Review, predicate=review_rules.can_view_ranking, actions={"delete", "view"}
    ),
)


class AssignmentFilterSet(WagtailFilterSet):
    challenge = ItemChoiceFilter(
        label=_("Challenge"), queryset=lambda request: originals(ChallengePage.objects.all())
    )

    class Meta:
        model = EvaluatorAssignment
        fields = ["challenge"]


class EvaluatorAssignmentViewSet(ModelViewSet):
    model = EvaluatorAssignment
    icon = "group"
    menu_label = _("Evaluator assignments")
    add_to_admin_menu = False
    form_fields = ["challenge", "evaluator"]
    list_display = ["evaluator", "challenge", "created_at"]
    filterset_class = AssignmentFilterSet
    search_fields = ["evaluator__display_name", "evaluator__email"]
    search_backend_name = None
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class AssignmentForm(form_class):
            # Each challenge once, in the staff member's language; assignments attach to the
            # challenge in the default language, as proposals do.
            challenge = ItemChoiceField(
                queryset=originals(ChallengePage.objects.all()),
                label=_("Challenge"),
                empty_label=_("Choose a challenge"),
            )

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["evaluator"].empty_label = _("Choose an evaluator")

        return AssignmentForm

    def get_queryset(self, request):
        return EvaluatorAssignment.objects.select_related("evaluator", "challenge")


class ReviewFilterSet(WagtailFilterSet):
    challenge = ItemChoiceFilter(
        label=_("Challenge"),
        field_name="proposal__challenge",
        queryset=lambda request: originals(ChallengePage.objects.all()),
    )
    conflict_of_interest = django_filters.BooleanFilter(label=_("Conflict of interest"))
    submitted = django_filters.BooleanFilter(
        label=_("Submitted"), field_name="submitted_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Review
        fields = ["challenge", "conflict_of_interest", "submitted"]


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "form"
    menu_label = _("Reviews")
    add_to_admin_menu = False
    form_fields = ["comment"]
    list_display = [
        "proposal",
        "evaluator",
        yes_no_column(Review, "conflict_of_interest"),
        "submitted_at",
        "updated_at",
    ]
    filterset_class = ReviewFilterSet
    search_fields = ["proposal__title", "evaluator__display_name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "proposal",
        "evaluator",
        "comment",
        "comment_for_team",
        "conflict_of_interest",
        "conflict_reason",
        "submitted_at",
        "updated_at",
    ]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Review.objects.select_related("proposal", "evaluator")


assignment_viewset = EvaluatorAssignmentViewSet("evaluator_assignments")


review_viewset = ReviewViewSet("reviews")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [assignment_viewset, review_viewset]
