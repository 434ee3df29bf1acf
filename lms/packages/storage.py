"""Where unpacked packages are kept (see conf: HOCVIEN_PACKAGE_STORAGE)."""

from django.core.files.storage import FileSystemStorage, storages

from . import conf


def package_storage():
    """The configured storage, or a folder beside MEDIA_ROOT that no URL
    serves directly: package files reach learners only through the apps'
    own checked views."""
    alias = conf.get("HOCVIEN_PACKAGE_STORAGE")
    if alias:
        return storages[alias]
    return FileSystemStorage(location=conf.package_root())


def delete_tree(storage, prefix: str) -> None:
    """Remove every file under ``prefix`` (storages have no recursive delete)."""
    folders, files = storage.listdir(prefix)
    for name in files:
        storage.delete(f"{prefix}/{name}")
    for folder in folders:
        delete_tree(storage, f"{prefix}/{folder}")
