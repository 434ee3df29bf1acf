"""Speaking tus to the admin through Django's test client."""

import base64

from django.urls import reverse

OCTETS = "application/offset+octet-stream"
TUS = {"Tus-Resumable": "1.0.0"}


def metadata(**values) -> str:
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}"
        for key, value in values.items()
    )


class TusClient:
    """POST/HEAD/PATCH/DELETE as tus-js-client sends them."""

    def __init__(self, client):
        self.client = client
        self.endpoint = reverse("lectures_admin:uploads")

    def create(self, length, filename="bai-giang.mp4", **headers):
        headers = {
            **TUS,
            "Upload-Length": str(length),
            "Upload-Metadata": metadata(filename=filename, filetype="video/mp4"),
            **headers,
        }
        return self.client.post(self.endpoint, headers=headers)

    def new(self, length, **kwargs) -> str:
        response = self.create(length, **kwargs)
        assert response.status_code == 201, response.content
        return response["Location"]

    def head(self, url, **headers):
        return self.client.head(url, headers={**TUS, **headers})

    def patch(self, url, data: bytes, offset: int, content_type=OCTETS, **extra):
        return self.client.generic(
            "PATCH",
            url,
            data=data,
            content_type=content_type,
            headers={**TUS, "Upload-Offset": str(offset)},
            **extra,
        )

    def delete(self, url):
        return self.client.delete(url, headers=TUS)

    def send(self, url, data: bytes, chunk=64 * 1024):
        """The whole file, chunk after chunk; returns the last response."""
        response = None
        for offset in range(0, len(data), chunk):
            response = self.patch(url, data[offset : offset + chunk], offset)
            assert response.status_code == 204, response.content
        return response

    def finish(self, url, **fields):
        return self.client.post(url + "finish/", {"collection": 1, **fields})
