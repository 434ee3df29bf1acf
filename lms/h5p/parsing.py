"""Reading an H5P package's JSON files: ``h5p.json``, each library's
``library.json`` and ``content/content.json``. Every problem raises
H5PRejected with a translated sentence naming the file."""

import json

from django.utils.translation import gettext as _

from .data import MACHINE_NAME, LibraryInfo, LibraryRef, PackageInfo


class H5PRejected(Exception):
    """An H5P package refused; ``str(error)`` is a translated sentence."""


class MissingLibraries(H5PRejected):
    """Refused for libraries neither the package nor the store has
    (``missing``: their references); it may import once they are stored."""

    def __init__(self, message: str, missing):
        super().__init__(message)
        self.missing = missing


def _json(raw: bytes, name: str) -> dict:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise H5PRejected(_("“%(file)s” is not valid JSON.") % {"file": name}) from None
    if not isinstance(data, dict):
        raise H5PRejected(_("“%(file)s” is not valid JSON.") % {"file": name})
    return data


def _missing(name: str, key: str) -> H5PRejected:
    return H5PRejected(
        _("“%(file)s” lacks a valid “%(field)s”.") % {"file": name, "field": key}
    )


def _number(data: dict, key: str, name: str) -> int:
    value = data.get(key)
    if isinstance(value, bool):
        raise _missing(name, key)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or value < 0:
        raise _missing(name, key)
    return value


def _ref(data, name: str, key: str = "preloadedDependencies") -> LibraryRef:
    if not isinstance(data, dict):
        raise _missing(name, key)
    machine_name = data.get("machineName")
    if not isinstance(machine_name, str) or not MACHINE_NAME.match(machine_name):
        raise _missing(name, key)
    return LibraryRef(
        machine_name,
        _number(data, "majorVersion", name),
        _number(data, "minorVersion", name),
    )


def _refs(data: dict, key: str, name: str) -> tuple[LibraryRef, ...]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise _missing(name, key)
    return tuple(_ref(value, name, key) for value in values)


def _text(data: dict, key: str, name: str, required=True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _missing(name, key)
    return value.strip()


def package_info(raw: bytes) -> PackageInfo:
    name = "h5p.json"
    data = _json(raw, name)
    main_name = _text(data, "mainLibrary", name)
    dependencies = _refs(data, "preloadedDependencies", name)
    mains = [ref for ref in dependencies if ref.machine_name == main_name]
    if not mains:
        raise H5PRejected(
            _(
                "h5p.json names “%(library)s” as its main library but does not "
                "list it among its dependencies."
            )
            % {"library": main_name}
        )
    language = data.get("language")
    return PackageInfo(
        title=_text(data, "title", name, required=False)[:255],
        main_library=mains[0],
        dependencies=dependencies,
        language=language if isinstance(language, str) else "und",
        raw=data,
    )


def _paths(data: dict, key: str, name: str) -> tuple[str, ...]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(
        isinstance(value, dict) and isinstance(value.get("path"), str)
        for value in values
    ):
        raise _missing(name, key)
    return tuple(value["path"] for value in values)


def library_info(raw: bytes, folder: str) -> LibraryInfo:
    """The checked library.json of the library in ``folder``; the folder's
    name must be the library's (machineName-major.minor), as in H5P."""
    name = f"{folder}/library.json"
    data = _json(raw, name)
    ref = _ref(data, name, "machineName")
    if ref.folder != folder:
        raise H5PRejected(
            _(
                "The folder “%(folder)s” holds the library %(library)s; its name "
                "must be “%(expected)s”."
            )
            % {"folder": folder, "library": str(ref), "expected": ref.folder}
        )
    return LibraryInfo(
        ref=ref,
        patch=_number(data, "patchVersion", name),
        title=_text(data, "title", name),
        runnable=bool(data.get("runnable")),
        preloaded_js=_paths(data, "preloadedJs", name),
        preloaded_css=_paths(data, "preloadedCss", name),
        dependencies=_refs(data, "preloadedDependencies", name),
        raw=data,
    )


def content_params(raw: bytes) -> dict:
    return _json(raw, "content/content.json")


def pass_percentage(params: dict) -> float | None:
    """The content's own pass mark, where its type has one (Question Set,
    Multiple Choice, Interactive Video...)."""
    for holder in (params, params.get("behaviour")):
        value = holder.get("passPercentage") if isinstance(holder, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if 0 <= value <= 100:
                return float(value)
    return None
