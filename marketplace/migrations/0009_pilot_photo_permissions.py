"""Staff (the Wagtail groups Editors and Moderators) manage the pilots' photos in the admin, as
they manage the pilots. Data migration: grants the model permissions the admin views ask for."""

from django.db import migrations

MODELS = ["pilotphoto"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    perms = []
    for model in MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label="marketplace", model=model)
        verbose_name = apps.get_model("marketplace", model)._meta.verbose_name
        for action in ("add", "change", "delete", "view"):
            perm, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            perms.append(perm)
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="marketplace", content_type__model__in=MODELS)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0008_offering_image_pilot_photos"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
