"""Hostile zip archives built in tests (never stored as files in the repo)."""

import io
import stat
import zipfile


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``entries``: (name, bytes) pairs or ZipInfo/bytes pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def symlink_zip(name="link", target="/etc/passwd") -> bytes:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, so the mode bits are read
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zip_bytes([("imsmanifest.xml", b"<manifest/>"), (info, target)])


def bomb_zip(megabytes=20) -> bytes:
    """One entry of zeros: a ratio of about 1000 to 1."""
    return zip_bytes(
        [
            ("imsmanifest.xml", b"<manifest/>"),
            ("zeros.bin", b"\0" * megabytes * 1024**2),
        ]
    )


def encrypted_flag_zip() -> bytes:
    """An entry whose header says it is encrypted (flag bit 0)."""
    raw = bytearray(zip_bytes([("secret.txt", b"x")]))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        raw[at + offset] |= 0x01
    return bytes(raw)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<manifest identifier="&lol3;"/>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE manifest [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<manifest identifier="x"><organizations><organization><title>&xxe;</title>
</organization></organizations></manifest>"""
