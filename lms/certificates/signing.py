"""Ed25519 keys and signatures. A certificate's signature covers its
``Claims`` as canonical JSON; the private key is stored encrypted with a key
derived from SECRET_KEY (rotate by adding a key; retired keys still check)."""

import base64
import dataclasses
import json
import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .data import Claims
from .models import SigningKey

RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _vault() -> Fernet:
    secret = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"hocvien-certificates"
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(secret))


def new_key(issuer) -> SigningKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return SigningKey.objects.create(
        issuer=issuer,
        kid=f"{issuer.code}-{secrets.token_hex(4)}",
        public_key=b64(private.public_key().public_bytes(*RAW)),
        private_key=_vault().encrypt(raw),
    )


def current_key(issuer) -> SigningKey:
    """The issuer's signing key, made on first use."""
    key = (
        SigningKey.objects.filter(issuer=issuer, retired_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    return key or new_key(issuer)


def private_key(key: SigningKey) -> Ed25519PrivateKey:
    raw = _vault().decrypt(bytes(key.private_key))
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key(key: SigningKey) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(key.public_key))


def canonical(claims: Claims) -> bytes:
    return json.dumps(
        dataclasses.asdict(claims),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def sign(key: SigningKey, claims: Claims) -> str:
    return b64(private_key(key).sign(canonical(claims)))


def verify(key: SigningKey, claims: Claims, signature: str) -> bool:
    try:
        public_key(key).verify(unb64(signature), canonical(claims))
    except (InvalidSignature, ValueError):
        return False
    return True
