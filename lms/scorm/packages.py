"""Importing a SCORM zip: check it, read its manifest, unpack it, and only
then record a new package version. Nothing is stored when any step fails."""

import dataclasses
import uuid

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lms.packages import conf as package_conf
from lms.packages.archive import (
    ArchiveRejected,
    PackageArchive,
    file_size,
    open_archive,
    sha256,
)
from lms.packages.storage import delete_tree, package_storage

from . import manifest as manifests
from .data import Manifest
from .models import Package, PackageVersion


class PackageRejected(Exception):
    """An uploaded package refused; ``str(error)`` is a translated sentence."""


def import_package(
    *, file, file_name: str, user=None, package: Package | None = None, title=""
) -> PackageVersion:
    """Store the zip ``file`` (a binary file object) as a new version of
    ``package``, or as a new package. Raises PackageRejected with the reason;
    then no row and no file is left behind."""
    size = file_size(file)
    limit = package_conf.get("HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES")
    if size > limit:
        raise PackageRejected(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // 1024**2}
        )
    digest = sha256(file)
    try:
        with open_archive(file) as archive:
            root, manifest = _manifest(archive)
            _check_launch_files(archive, root, manifest)
            storage, prefix = package_storage(), f"scorm/{uuid.uuid4().hex}"
            archive.extract(storage, prefix)
            unpacked = archive.unpacked_bytes
    except ArchiveRejected as error:
        raise PackageRejected(str(error)) from error
    content_prefix = f"{prefix}/{root}".rstrip("/")
    try:
        return _record(
            package=package,
            title=title or manifest.title,
            manifest=manifest,
            storage_prefix=content_prefix,
            file_name=file_name,
            file_size=size,
            file_hash=digest,
            unpacked_bytes=unpacked,
            user=user,
        )
    except BaseException:
        delete_tree(storage, prefix)
        raise


def _manifest(archive: PackageArchive) -> tuple[str, Manifest]:
    """The folder holding imsmanifest.xml ("" at the top; one level down is
    accepted, as zipping the folder instead of its contents is a common
    mistake) and the parsed manifest."""
    if manifests.MANIFEST in archive:
        root = ""
    else:
        nested = [
            name
            for name in archive.members
            if name.count("/") == 1 and name.endswith("/" + manifests.MANIFEST)
        ]
        if len(nested) != 1:
            raise PackageRejected(
                _(
                    "The zip has no imsmanifest.xml at its top level: it is not a "
                    "SCORM package."
                )
            )
        root = nested[0].split("/")[0]
    path = f"{root}/{manifests.MANIFEST}" if root else manifests.MANIFEST
    try:
        return root, manifests.parse(archive.read(path))
    except manifests.ManifestError as error:
        raise PackageRejected(str(error)) from error


def _check_launch_files(archive: PackageArchive, root: str, manifest: Manifest):
    for activity in manifest.launchable:
        if manifests.is_external(activity.launch):
            continue
        path = manifests.launch_path(activity.launch)
        if (
            path.startswith("../")
            or (f"{root}/{path}" if root else path) not in archive
        ):
            raise PackageRejected(
                _("“%(item)s” launches “%(file)s”, which is not in the zip.")
                % {"item": activity.title, "file": path}
            )


@transaction.atomic
def _record(*, package, title, manifest, user, **fields) -> PackageVersion:
    if package is None:
        package = Package.objects.create(title=title[:255], created_by=user)
    else:
        package = Package.objects.select_for_update().get(pk=package.pk)
    last = package.versions.aggregate(last=Max("number"))["last"] or 0
    version = PackageVersion.objects.create(
        package=package,
        number=last + 1,
        scorm_version=manifest.version,
        manifest=dataclasses.asdict(manifest),
        uploaded_by=user,
        **fields,
    )
    package.current_version = version
    package.save(update_fields=["current_version"])
    return version
