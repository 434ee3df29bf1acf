"""Plain data of lms.h5p: library references and the parsed package files
(``h5p.json``, each library's ``library.json``)."""

import re
from dataclasses import dataclass, field

MACHINE_NAME = re.compile(r"^[\w.\-]{1,255}$", re.ASCII)


@dataclass(frozen=True, order=True)
class LibraryRef:
    """A library as content and other libraries depend on it: name and
    major.minor (any patch of that minor version will do)."""

    machine_name: str
    major: int
    minor: int

    @property
    def folder(self) -> str:
        """The folder name H5P packages (and h5p-standalone) use."""
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"


@dataclass(frozen=True)
class LibraryInfo:
    """A library's ``library.json``, checked."""

    ref: LibraryRef
    patch: int
    title: str
    runnable: bool
    preloaded_js: tuple[str, ...] = ()
    preloaded_css: tuple[str, ...] = ()
    dependencies: tuple[LibraryRef, ...] = ()  # preloaded dependencies
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def version(self) -> str:
        return f"{self.ref.major}.{self.ref.minor}.{self.patch}"


@dataclass(frozen=True)
class PackageInfo:
    """A package's ``h5p.json``, checked."""

    title: str
    main_library: LibraryRef
    dependencies: tuple[LibraryRef, ...]
    language: str = "und"
    raw: dict = field(default_factory=dict, compare=False, repr=False)
