"""Import video and audio files from disk into the lecture library."""

import re
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from media import api
from media.models import Video

EXTENSIONS = {
    ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".wmv", ".flv", ".mpg",
    ".mpeg", ".ts", ".3gp", ".mp3", ".m4a", ".aac", ".wav", ".ogg", ".oga",
    ".opus", ".flac", ".wma",
}  # fmt: skip


def title_from(path: Path) -> str:
    return re.sub(r"[\s_-]+", " ", path.stem).strip() or path.name


def media_files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in EXTENSIONS)
            yield from sorted(p for p in found if p.is_file())
        else:
            yield path


class Command(BaseCommand):
    help = _(
        "Import video and audio files (or folders of them) into the lecture "
        "library. Files already imported are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=_("Files or folders."))
        parser.add_argument("--collection", help=_("Name of the collection."))
        parser.add_argument(
            "--tag", action="append", default=[], help=_("A tag (repeatable).")
        )

    def handle(self, *args, paths, collection=None, tag=(), **options):
        target = self.collection(collection)
        refused = 0
        for path in media_files(paths):
            refused += not self.import_one(path, collection=target, tags=tag)
        if refused:
            raise CommandError(_("%(count)d file(s) refused.") % {"count": refused})

    def collection(self, name):
        if not name:
            return None
        found = Collection.objects.filter(name=name).first()
        if found is None:
            raise CommandError(_("No collection is named %(name)s.") % {"name": name})
        return found

    def import_one(self, path: Path, *, collection, tags) -> bool:
        """False when the file was refused."""
        if not path.is_file():
            self.stderr.write(_("refused %(path)s: no such file") % {"path": path})
            return False
        with path.open("rb") as handle:
            if Video.objects.filter(file_hash=hash_filelike(handle)).exists():
                self.stdout.write(
                    _("skipped %(path)s: already imported") % {"path": path}
                )
                return True
            try:
                video = api.create_video(
                    file=File(handle, name=path.name),
                    title=title_from(path),
                    collection=collection,
                    tags=tags,
                )
            except api.VideoRejected as rejected:
                self.stderr.write(
                    _("refused %(path)s: %(reason)s")
                    % {"path": path, "reason": rejected}
                )
                return False
        self.stdout.write(
            _("imported %(path)s as #%(id)d") % {"path": path, "id": video.pk}
        )
        return True
