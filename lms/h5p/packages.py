"""Importing an .h5p file: check the zip and its JSON files, find every
library the content needs (in the package or in the shared store), unpack
the content and the libraries the store lacks, and only then record a new
content version. Nothing is stored when any step fails."""

import uuid
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.packages import conf as package_conf
from lms.packages.archive import (
    ArchiveRejected,
    PackageArchive,
    file_size,
    open_archive,
    sha256,
)
from lms.packages.storage import delete_tree, package_storage

from . import files, parsing
from .data import LibraryInfo, LibraryRef, PackageInfo
from .models import Content, ContentVersion, Library
from .parsing import H5PRejected, MissingLibraries
from .store import Resolution

CONTENT_FOLDER = "content"
SHOWN_NAMES = 5  # files named in an error before "and N more"


def import_h5p(
    *, file, file_name: str, user=None, content: Content | None = None, title=""
) -> ContentVersion:
    """Store the .h5p ``file`` (a binary file object) as a new version of
    ``content``, or as a new content. Raises H5PRejected with the reason;
    then no row and no file is left behind."""
    size = file_size(file)
    limit = package_conf.get("HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES")
    if size > limit:
        raise H5PRejected(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // 1024**2}
        )
    digest = sha256(file)
    storage, written = package_storage(), []
    try:
        with open_archive(file) as archive:
            reading = _read(archive)
            prefix = f"h5p/content/{uuid.uuid4().hex}"
            written.append(prefix)
            archive.extract(storage, prefix, names=reading.content_files)
            fresh = {}
            for ref, info in reading.resolution.from_package.items():
                library_prefix = (
                    f"h5p/libraries/{ref.folder}.{info.patch}-{uuid.uuid4().hex[:12]}"
                )
                written.append(library_prefix)
                archive.extract(
                    storage,
                    library_prefix,
                    names=reading.library_files[ref],
                    folder=ref.folder,
                )
                fresh[ref] = (info, library_prefix)
        version, unused = _record(
            content=content,
            title=title or reading.package.title or file_name,
            reading=reading,
            fresh=fresh,
            storage_prefix=prefix,
            file_name=file_name[:255],
            file_size=size,
            file_hash=digest,
            user=user,
        )
    except ArchiveRejected as error:
        _remove(storage, written)
        raise H5PRejected(str(error)) from error
    except BaseException:
        _remove(storage, written)
        raise
    _remove(storage, unused)  # libraries another import stored first
    return version


class Reading:
    """What a checked package holds."""

    def __init__(self, package: PackageInfo, params: dict):
        self.package = package
        self.params = params
        self.content_files: list[str] = []  # h5p.json and content/...
        self.library_files: dict[LibraryRef, list[str]] = {}
        self.resolution: Resolution | None = None


def _read(archive: PackageArchive) -> Reading:
    if "h5p.json" not in archive:
        raise H5PRejected(
            _("The file has no h5p.json at its top level: it is not an H5P package.")
        )
    package = parsing.package_info(archive.read("h5p.json"))
    if f"{CONTENT_FOLDER}/content.json" not in archive:
        raise H5PRejected(_("The package has no content/content.json."))
    reading = Reading(
        package, parsing.content_params(archive.read(f"{CONTENT_FOLDER}/content.json"))
    )
    folders = _by_folder(archive)
    _check_extensions(folders)
    libraries = {}
    for folder, names in folders.items():
        if folder == CONTENT_FOLDER:
            reading.content_files = ["h5p.json", *names]
        elif folder:
            info = _library(archive, folder, names)
            libraries[info.ref] = info
            reading.library_files[info.ref] = names
    reading.resolution = Resolution(package.dependencies, libraries)
    _check_resolution(reading)
    return reading


def _by_folder(archive: PackageArchive) -> dict[str, list[str]]:
    """Member names by top-level folder ("" for files at the top)."""
    folders = defaultdict(list)
    for name in archive.members:
        folder = name.split("/", 1)[0] if "/" in name else ""
        folders[folder].append(name)
    return folders


def _check_extensions(folders: dict[str, list[str]]):
    refused = [
        name
        for folder, names in folders.items()
        for name in names
        if not files.allowed(name, in_library=folder not in ("", CONTENT_FOLDER))
    ]
    if refused:
        shown = ", ".join(f"“{name}”" for name in refused[:SHOWN_NAMES])
        more = len(refused) - SHOWN_NAMES
        if more > 0:
            shown += " " + ngettext(
                "and %(count)s more", "and %(count)s more", more
            ) % {"count": more}
        raise H5PRejected(
            _("The package holds files of a kind H5P does not allow: %(files)s.")
            % {"files": shown}
        )


def _library(archive: PackageArchive, folder: str, names: list[str]) -> LibraryInfo:
    manifest = f"{folder}/library.json"
    if manifest not in archive:
        raise H5PRejected(
            _(
                "The folder “%(folder)s” is neither content nor a library (it has "
                "no library.json)."
            )
            % {"folder": folder}
        )
    info = parsing.library_info(archive.read(manifest), folder)
    for path in (*info.preloaded_js, *info.preloaded_css):
        if f"{folder}/{path}" not in archive:
            raise H5PRejected(
                _(
                    "The library %(library)s loads “%(file)s”, which is not in the "
                    "package."
                )
                % {"library": str(info.ref), "file": path}
            )
    return info


def _check_resolution(reading: Reading):
    resolution = reading.resolution
    if resolution.missing:
        refs = sorted(set(resolution.missing))
        missing = ", ".join(str(ref) for ref in refs)
        raise MissingLibraries(
            _(
                "The package needs H5P libraries that neither it nor the library "
                "store has: %(libraries)s. Upload a package that contains them "
                "first (for example the content type's example from h5p.org)."
            )
            % {"libraries": missing},
            refs,
        )
    main = reading.package.main_library
    info = resolution.from_package.get(main)
    runnable = info.runnable if info else resolution.from_store[main].runnable
    if not runnable:
        raise H5PRejected(
            _("The main library %(library)s cannot be played on its own.")
            % {"library": str(main)}
        )


def _remove(storage, prefixes):
    for prefix in prefixes:
        try:
            delete_tree(storage, prefix)
        except FileNotFoundError:  # nothing was written there yet
            pass


@transaction.atomic
def _record(*, content, title, reading: Reading, fresh, user, **fields):
    """The new version, and the prefixes of freshly unpacked libraries that
    turned out not to be needed (a concurrent import stored them first)."""
    libraries, unused = dict(reading.resolution.from_store), []
    for ref, (info, prefix) in fresh.items():
        library, created = _install(info, prefix)
        libraries[ref] = library
        if not created:
            unused.append(prefix)
    if content is None:
        content = Content.objects.create(title=title[:255], created_by=user)
    else:
        content = Content.objects.select_for_update().get(pk=content.pk)
    last = content.versions.aggregate(last=Max("number"))["last"] or 0
    main = reading.package.main_library
    version = ContentVersion.objects.create(
        content=content,
        number=last + 1,
        main_library=str(main),
        content_type=libraries[main].title,
        h5p_json=reading.package.raw,
        pass_percentage=parsing.pass_percentage(reading.params),
        uploaded_by=user,
        **fields,
    )
    version.libraries.set(libraries.values())
    content.current_version = version
    content.save(update_fields=["current_version"])
    return version, unused


def _install(info: LibraryInfo, prefix: str) -> tuple[Library, bool]:
    fields = {
        "machine_name": info.ref.machine_name,
        "major_version": info.ref.major,
        "minor_version": info.ref.minor,
        "patch_version": info.patch,
    }
    try:
        with transaction.atomic():
            return Library.objects.create(
                **fields,
                title=info.title[:255],
                runnable=info.runnable,
                dependencies=[
                    [d.machine_name, d.major, d.minor] for d in info.dependencies
                ],
                storage_prefix=prefix,
            ), True
    except IntegrityError:  # the same version, stored by a concurrent import
        return Library.objects.get(**fields), False
