from django.contrib.auth import views as auth_views
from django.urls import path

from .views import accounts, organisations, privacy

app_name = "partners"

urlpatterns = [
    # Accounts
    path("account/login/", accounts.LoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/register/", accounts.register, name="register"),
    path("account/verification-sent/", accounts.verification_sent, name="verification-sent"),
    path("account/verify/resend/", accounts.resend_verification, name="resend-verification"),
    path("account/verify/<str:token>/", accounts.verify_email, name="verify-email"),
    path("account/", accounts.profile, name="profile"),
    path("account/email/", accounts.email_change, name="email-change"),
    path(
        "account/email/confirm/<str:token>/",
        accounts.confirm_email_change,
        name="confirm-email-change",
    ),
    path("account/password/", accounts.PasswordChangeView.as_view(), name="password-change"),
    path("account/password-reset/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="partners/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "account/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="partners/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    # Privacy rights
    path("account/my-data/", privacy.data_download, name="data-download"),
    path("account/delete/", privacy.account_delete, name="account-delete"),
    # Organisations
    path("organisations/", organisations.organisation_list, name="organisation-list"),
    path("organisations/new/", organisations.organisation_create, name="organisation-create"),
    path("organisations/invitation/<str:token>/", organisations.invitation, name="invitation"),
    path(
        "organisations/<slug:slug>/", organisations.organisation_detail, name="organisation-detail"
    ),
    path(
        "organisations/<slug:slug>/edit/", organisations.organisation_edit, name="organisation-edit"
    ),
    path(
        "organisations/<slug:slug>/members/",
        organisations.organisation_members,
        name="organisation-members",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/remove/",
        organisations.member_remove,
        name="organisation-member-remove",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/role/",
        organisations.member_role,
        name="organisation-member-role",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/hand-over/",
        organisations.ownership_hand_over,
        name="organisation-hand-over",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:pk>/revoke/",
        organisations.invitation_revoke,
        name="organisation-invitation-revoke",
    ),
    path(
        "organisations/<slug:slug>/leave/",
        organisations.organisation_leave,
        name="organisation-leave",
    ),
]
