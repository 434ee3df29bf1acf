"""The claims of a certificate: what its signature covers."""

from decimal import Decimal

from .data import Claims


def hours_text(value) -> str:
    """8, 7.5: the same text for 8, 8.0 and Decimal("8.0") (a value read
    back from the database must sign as it was signed)."""
    return format(Decimal(str(value)).normalize(), "f")


def claims_of(certificate) -> Claims:
    return Claims(
        id=str(certificate.public_id),
        number=certificate.number,
        revision=certificate.revision,
        name=certificate.full_name,
        birth_date=(
            certificate.birth_date.strftime("%d/%m/%Y")
            if certificate.birth_date
            else ""
        ),
        course=certificate.course_title,
        hours=hours_text(certificate.learning_hours),
        issued_on=certificate.issued_on.isoformat() if certificate.issued_on else "",
        expires_on=certificate.expires_on.isoformat() if certificate.expires_on else "",
        issuer=certificate.issuer.name,
    )
