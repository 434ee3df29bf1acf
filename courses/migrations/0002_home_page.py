"""Replace Wagtail's welcome page with the site's home page, and add English
as the second content locale (Vietnamese is the first, from LANGUAGE_CODE)."""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("courses.HomePage")

    Page.objects.filter(depth=2, slug="home").delete()
    locale = Locale.objects.order_by("pk").first()
    Locale.objects.get_or_create(language_code="en")
    content_type, _created = ContentType.objects.get_or_create(
        model="homepage", app_label="courses"
    )
    home = HomePage.objects.create(
        title="Học viện trực tuyến",
        draft_title="Học viện trực tuyến",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro="Bồi dưỡng cán bộ trực tuyến và kết hợp.",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Học viện"},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("courses.HomePage").objects.all().delete()
    apps.get_model("wagtailcore.Locale").objects.filter(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
