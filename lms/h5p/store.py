"""The shared library store: which installed library serves a reference,
and which libraries a package needs that neither it nor the store has.

A reference (name, major.minor) is served by the highest installed patch of
that minor version: patches only fix, as in H5P itself."""

from collections.abc import Iterable

from django.db.models import Q

from .data import LibraryInfo, LibraryRef
from .models import Library


def installed(refs: Iterable[LibraryRef]) -> dict[LibraryRef, Library]:
    """The store's library for each of ``refs`` that it has (one query)."""
    refs = set(refs)
    if not refs:
        return {}
    match = Q()
    for ref in refs:
        match |= Q(
            machine_name=ref.machine_name,
            major_version=ref.major,
            minor_version=ref.minor,
        )
    found: dict[LibraryRef, Library] = {}
    for library in Library.objects.filter(match).order_by("patch_version"):
        found[library.ref] = library  # the highest patch comes last
    return found


def library_for(ref: LibraryRef) -> Library | None:
    return installed([ref]).get(ref)


class Resolution:
    """Every library a package's content needs to play (its preloaded
    dependencies, followed through each library's own), each taken from
    the package or from the store, whichever has the newer patch."""

    def __init__(
        self, roots: Iterable[LibraryRef], packaged: dict[LibraryRef, LibraryInfo]
    ):
        self.packaged = packaged
        self.from_package: dict[LibraryRef, LibraryInfo] = {}
        self.from_store: dict[LibraryRef, Library] = {}
        self.missing: list[LibraryRef] = []
        self._walk(list(roots))

    def _walk(self, pending: list[LibraryRef]):
        seen: set[LibraryRef] = set()
        while pending:
            fresh = [ref for ref in dict.fromkeys(pending) if ref not in seen]
            seen.update(fresh)
            stored = installed(fresh)  # one query per level of the graph
            pending = []
            for ref in fresh:
                pending.extend(self._take(ref, self.packaged.get(ref), stored.get(ref)))

    def _take(self, ref, packaged: LibraryInfo | None, stored: Library | None):
        if packaged and (stored is None or packaged.patch > stored.patch_version):
            self.from_package[ref] = packaged
            return packaged.dependencies
        if stored is not None:
            self.from_store[ref] = stored
            return stored.dependency_refs()
        self.missing.append(ref)
        return []
