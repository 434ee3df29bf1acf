"""The pictures of a PDF (logo, signature, seal, QR code) handed to
WeasyPrint by names of their own instead of inlined as ``data:`` URLs: the
HTML stays a few kilobytes for WeasyPrint to parse, and the pictures reach
it as bytes, not as base64 text.

Besides these names WeasyPrint fetches ``data:`` URLs only, so a design
cannot read files or reach the network. Imported when a PDF is made:
loading WeasyPrint is slow."""

import hashlib

from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "hocvien-file"


class PdfFiles:
    """The pictures one PDF may show, by the URL ``add`` gives each."""

    def __init__(self):
        self._files: dict[str, tuple[bytes, str]] = {}

    def add(self, data: bytes, mime: str) -> str:
        # Named by content: WeasyPrint keys its image objects by URL.
        url = f"{SCHEME}:{hashlib.sha256(data).hexdigest()}"
        self._files[url] = (data, mime)
        return url

    def fetcher(self) -> URLFetcher:
        return _Fetcher(self._files)


class _Fetcher(URLFetcher):
    def __init__(self, files):
        super().__init__(allowed_protocols={"data"})
        self._files = files

    def fetch(self, url, headers=None):
        if url.startswith(f"{SCHEME}:"):
            data, mime = self._files[url]  # another name: a failed fetch
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        return super().fetch(url, headers)
