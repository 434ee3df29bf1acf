"""The real SCORM packages of ../shared/fixtures (read-only) and helpers."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures"
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
