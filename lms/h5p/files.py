"""Which files an H5P package may hold: the extensions H5P itself allows
(its default whitelist), code only inside library folders."""

import posixpath

CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg "
    "mp3 m4a wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff "
    "patch swf md textile vtt webvtt gltf glb".split()
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}


def extension(name: str) -> str:
    return posixpath.splitext(name)[1].lower().lstrip(".")


def allowed(name: str, *, in_library: bool) -> bool:
    allowed_here = LIBRARY_EXTENSIONS if in_library else CONTENT_EXTENSIONS
    return extension(name) in allowed_here
