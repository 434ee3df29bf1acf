"""factory_boy factories for the whole suite (no JSON fixtures)."""

import datetime

import factory
from django.contrib.auth import get_user_model

from lms.org import api
from lms.org.data import Level
from lms.org.models import Organisation, Title, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Hội Liên hiệp Phụ nữ {n}")
    short_name = factory.Sequence(lambda n: f"HLHPN{n}")
    code = factory.Sequence(lambda n: f"hlhpn{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    """``parent=None`` makes a root unit; otherwise a child of ``parent``."""

    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    code = factory.Sequence(lambda n: f"dv-{n}")
    level = Level.CENTRAL
    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.add_root(**kwargs)
        kwargs["organisation"] = parent.organisation
        return parent.add_child(**kwargs)


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Chức danh {n}")


def make_person(unit, *, title=None, since=datetime.date(2020, 1, 1), **fields):
    """A person registered through the public API, as the app does it."""
    fields.setdefault("full_name", "Nguyễn Thị Hoa")
    return api.register_person(unit=unit, title=title, since=since, **fields)


def make_tree():
    """Two provinces of one organisation, each with a district and a commune."""
    org = OrganisationFactory(name="Hội Liên hiệp Phụ nữ Việt Nam", code="hlhpn")
    central = UnitFactory(
        organisation=org, name="Trung ương Hội", code="tw", level=Level.CENTRAL
    )
    tree = {"org": org, "central": central}
    for key, name in [("a", "Lào Cai"), ("b", "Nghệ An")]:
        province = UnitFactory(
            parent=central, name=f"Tỉnh {name}", code=f"p-{key}", level=Level.PROVINCE
        )
        district = UnitFactory(
            parent=province, name=f"Huyện {key}", code=f"d-{key}", level=Level.DISTRICT
        )
        commune = UnitFactory(
            parent=district, name=f"Xã {key}", code=f"c-{key}", level=Level.COMMUNE
        )
        tree[f"province_{key}"] = province
        tree[f"district_{key}"] = district
        tree[f"commune_{key}"] = commune
    tree["chair"] = TitleFactory(organisation=org, name="Chủ tịch", is_leadership=True)
    tree["member"] = TitleFactory(organisation=org, name="Ủy viên BCH")
    return tree


def ensure_wagtail_site():
    """The locales, root page and collection, home page and default site the
    migrations make.

    Transactional tests (browser, threads) end by flushing every table, so
    the next one must build these again; elsewhere this does nothing."""
    from wagtail.models import Collection, Locale, Page, Site

    from courses.models import HomePage

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site
    for code in ["vi", "en"]:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = root.add_child(instance=HomePage(title="Học viện trực tuyến", slug="home"))
    return Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="Học viện"
    )
