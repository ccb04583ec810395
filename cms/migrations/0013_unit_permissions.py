"""Let Wagtail's Editors and Moderators groups add, edit and translate organising units (and
pick them in the challenge editor); only Moderators may delete one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "Editors": ("add_unit", "change_unit", "view_unit"),
    "Moderators": ("add_unit", "change_unit", "view_unit", "delete_unit"),
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="cms", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="cms", codename__in=PERMISSIONS[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0012_units"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
