"""Models of lms.certificates."""

from .certificates import Certificate, CertificateEvent, NumberSequence
from .issuers import CourseCertificate, Issuer, SigningKey
from .templates import CertificateTemplate as CertificateTemplate

__all__ = [
    "Certificate",
    "CertificateEvent",
    "CourseCertificate",
    "Issuer",
    "NumberSequence",
    "SigningKey",
]
