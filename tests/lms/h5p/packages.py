"""The real H5P files of ../shared/fixtures/h5p (read-only) and helpers."""

from pathlib import Path

from tests.lms.scorm.packages import FIXTURES

H5P_FOLDER = FIXTURES / "h5p"
ALL = sorted(H5P_FOLDER.glob("*.h5p"))
CONTENT_ONLY = [path for path in ALL if "content-only" in path.name]
WITH_LIBRARIES = [path for path in ALL if path not in CONTENT_ONLY]


def fixture(name: str) -> Path:
    path = H5P_FOLDER / name
    assert path.exists(), f"no fixture {name}"
    return path


def import_fixture(name: str, **kwargs):
    from lms.h5p.packages import import_h5p

    path = fixture(name)
    with path.open("rb") as file:
        return import_h5p(file=file, file_name=path.name, **kwargs)
