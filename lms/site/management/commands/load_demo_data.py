from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from wagtail.models import Site

# Printed on screen for the demo; never used outside it.
ADMIN = {"username": "admin", "email": "admin@example.vn"}
ADMIN_PASSWORD = "hocvien2026"  # noqa: S105
ADMIN_ROW = (
    "Quản trị trang / Site admin",
    "admin",
    ADMIN_PASSWORD,
    "Tất cả / everything",
)


class Command(BaseCommand):
    help = (
        "Set up the demo site: the site admin, the home page as the site root "
        "and the demo organisations and people. Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_site_admin()
            site = ensure_default_site()
        self.stdout.write(f"Trang chủ / Home page: {site.root_page.title}")
        call_command("load_demo_org", extra_logins=[ADMIN_ROW], stdout=self.stdout)
        call_command("load_demo_courses", stdout=self.stdout)
        if apps.is_installed("lms.training"):
            call_command("load_demo_training", stdout=self.stdout)
        if apps.is_installed("lms.certificates"):
            call_command("load_demo_certificates", stdout=self.stdout)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write("")
        self.stdout.write(f"Trang học / Site:        {base}/")
        self.stdout.write(f"Đăng nhập / Log in:      {base}{reverse('login')}")
        self.stdout.write(f"Quản trị / Admin:        {base}/admin/")


def ensure_site_admin():
    """The superuser "admin" with the demo password; an existing one is kept."""
    user, created = get_user_model().objects.get_or_create(
        username=ADMIN["username"], defaults={"email": ADMIN["email"]}
    )
    changed = created or not (user.is_superuser and user.is_staff and user.is_active)
    user.is_superuser = user.is_staff = user.is_active = True
    # An unusable password would still cost a full hash to check.
    if not (user.has_usable_password() and user.check_password(ADMIN_PASSWORD)):
        user.set_password(ADMIN_PASSWORD)
        changed = True
    if changed:
        user.save()
    return user


def ensure_default_site():
    """The default Wagtail site: the published home page at the base URL."""
    home = apps.get_model("courses", "HomePage").objects.order_by("path").first()
    if home is None:
        raise CommandError("The home page is missing: run “manage.py migrate” first.")
    if not home.live:
        home.save_revision().publish()
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    wanted = {
        "hostname": address.hostname or "127.0.0.1",
        "port": address.port or (443 if address.scheme == "https" else 80),
        "root_page_id": home.pk,
    }
    site = Site.objects.filter(is_default_site=True).first()
    site = site or Site(is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME)
    if site.pk is None or any(getattr(site, k) != v for k, v in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
    return site
