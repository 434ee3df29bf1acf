"""Every user-facing string of our apps has a Vietnamese translation.

Strings are extracted again from a copy of each app (as `deploy/makemessages`
does) and merged with the committed catalogue, so a new string that nobody
translated fails here rather than showing up in English."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
APPS = [
    "lms/site",
    "lms/org",
    "lms/progress",
    "lms/packages",
    "lms/scorm",
    "courses",
    "media",
    "themes/default",
]


def extract(app: str, workdir: Path) -> Path:
    copy = workdir / app
    shutil.copytree(REPO / app, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "lms.site.settings.demo",
    }
    django_admin = [sys.executable, "-m", "django"]
    subprocess.run(
        [*django_admin, "makemessages", "-l", "vi", "--no-obsolete", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
    )
    return copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def untranslated_or_fuzzy(po: Path) -> str:
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return (result.stdout + fuzzy.stdout).strip()


@pytest.mark.parametrize("app", APPS)
def test_every_string_of_the_app_is_translated_to_vietnamese(app, tmp_path):
    leftovers = untranslated_or_fuzzy(extract(app, tmp_path))
    # msgattrib prints the header entry first; anything after it is a miss.
    entries = [
        block
        for block in leftovers.split("\n\n")
        if block.strip() and 'msgid ""\nmsgstr ""\n"' not in block
    ]
    assert not entries, f"Untranslated strings in {app}:\n" + "\n\n".join(entries)


@pytest.mark.parametrize("app", APPS)
def test_the_committed_catalogue_compiles_without_errors(app):
    po = REPO / app / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True)
