from django.db import migrations


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("cms.HomePage")

    fi, _ = Locale.objects.get_or_create(language_code="fi")
    for code in ("sv", "en"):
        Locale.objects.get_or_create(language_code=code)

    # Replace Wagtail's welcome page with Tori's home page.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    numchild = Page.objects.filter(depth=2).count()
    home = HomePage.objects.create(
        title="Tori",
        draft_title="Tori",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{numchild + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=fi,
        live=True,
    )
    root.numchild = numchild + 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id, "site_name": "Tori"},
    )


def remove_home(apps, schema_editor):
    HomePage = apps.get_model("cms.HomePage")
    HomePage.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]
    run_before = []

    operations = [migrations.RunPython(create_home, remove_home)]
