"""Roles: the groups Editors and Moderators (created by Wagtail, reused here) and Evaluators.

All three may open the Wagtail admin. Moderators also manage organisations (staff set `verified`).
Later apps add their own moderation permissions to these groups in their own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")

GROUP_PERMISSIONS = {
    "Editors": [ACCESS_ADMIN, ("partners", "organisation", "view_organisation")],
    "Moderators": [
        ACCESS_ADMIN,
        ("partners", "organisation", "view_organisation"),
        ("partners", "organisation", "change_organisation"),
        ("partners", "membership", "view_membership"),
        ("partners", "organisationinvitation", "view_organisationinvitation"),
    ],
    "Evaluators": [ACCESS_ADMIN],
}


def _ensure_permissions(apps):
    for label in ("partners",):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    _ensure_permissions(apps)
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(apps, *p) for p in permissions))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Evaluators").delete()
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *group.permissions.filter(content_type__app_label="partners")
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
