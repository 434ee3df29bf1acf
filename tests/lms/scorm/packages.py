"""The real SCORM packages of ../shared/fixtures (read-only) and helpers."""

import os
from pathlib import Path

WORKPLACE_FIXTURES = Path("/work/shared/fixtures")


def _fixtures() -> Path:
    """../shared/fixtures beside the checkout (HOCVIEN_FIXTURES to point
    elsewhere, e.g. for a clone in another folder)."""
    if os.environ.get("HOCVIEN_FIXTURES"):
        return Path(os.environ["HOCVIEN_FIXTURES"])
    repo = Path(__file__).resolve().parents[3]
    for folder in (repo.parent / "shared" / "fixtures", WORKPLACE_FIXTURES):
        if folder.is_dir():
            return folder
    raise RuntimeError(
        "The shared SCORM fixtures were not found beside the checkout; set "
        "HOCVIEN_FIXTURES to the fixtures folder."
    )


FIXTURES = _fixtures()
SCORM_12 = sorted((FIXTURES / "scorm12").glob("*.zip"))
SCORM_2004 = sorted((FIXTURES / "scorm2004").glob("*.zip"))
ALL = SCORM_12 + SCORM_2004


def fixture(name: str) -> Path:
    found = [path for path in ALL if path.name == name]
    assert found, f"no fixture {name}"
    return found[0]


def import_fixture(name: str, **kwargs):
    from lms.scorm.packages import import_package

    path = fixture(name)
    with path.open("rb") as file:
        return import_package(file=file, file_name=path.name, **kwargs)
