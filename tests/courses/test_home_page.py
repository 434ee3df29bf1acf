import gzip

import pytest
from django.contrib.staticfiles import finders

from courses.models import HomePage

pytestmark = pytest.mark.django_db

# Budget from the product brief: the home page under 100 KB compressed,
# excluding images. We hold ourselves to a tenth of it.
HOME_PAGE_BUDGET = 10 * 1024


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def test_the_site_root_is_the_home_page_in_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert isinstance(response.context["page"].specific, HomePage)
    assert '<html lang="vi">' in response.text
    assert "Bắt đầu học" in response.text


def test_the_home_page_is_available_in_english_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Start learning" in response.text


def test_the_home_page_has_landmarks_and_a_skip_link(client):
    html = client.get("/").text
    for landmark in ["<header", "<nav", "<main", "<footer", 'href="#main"']:
        assert landmark in html


def test_the_home_page_fetches_nothing_from_other_hosts(client):
    html = client.get("/").text
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "//fonts." not in html


def test_the_home_page_and_its_stylesheet_stay_within_the_weight_budget(client):
    html = client.get("/").content
    css = open(finders.find("themes_default/site.css"), "rb").read()
    assert gzipped_size(html) + gzipped_size(css) < HOME_PAGE_BUDGET


def test_vietnamese_and_english_content_locales_exist():
    from wagtail.models import Locale

    assert Locale.get_default().language_code == "vi"
    assert Locale.objects.filter(language_code="en").exists()
