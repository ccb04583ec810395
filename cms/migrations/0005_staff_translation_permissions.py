"""Let Wagtail's Editors and Moderators groups manage and translate customer groups and themes.

Translations were first submitted with wagtail.contrib.simple_translation, whose permission this
migration also granted. Tori now uses wagtail-localize, whose own migration gives Editors and
Moderators its "submit_translation" permission; simple_translation is no longer installed, so
this migration neither depends on it nor grants its permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Moderators")
PERMISSIONS = [
    ("cms", "add_customergroup"),
    ("cms", "change_customergroup"),
    ("cms", "delete_customergroup"),
    ("cms", "add_theme"),
    ("cms", "change_theme"),
    ("cms", "delete_theme"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    ]
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        for app_label, codename in PERMISSIONS:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_challenge_approval_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
