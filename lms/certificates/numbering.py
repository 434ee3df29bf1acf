"""Gapless certificate numbers, and the bits of the revocation status list.

A number is taken with the issuer's (issuer, year) sequence row locked, in
the transaction that issues the certificate: a rolled-back issue gives its
number back, concurrent issues wait for each other, so numbers have neither
gaps nor duplicates. Status-list bits use the same kind of row, year 0."""

from .models import NumberSequence

STATUS_BITS = 0  # the sequence "year" of an issuer's status-list bits


def take(issuer, year: int, count: int = 1) -> range:
    """``count`` consecutive serials of ``issuer`` in ``year``; call inside
    the transaction that uses them."""
    NumberSequence.objects.get_or_create(issuer=issuer, year=year)
    sequence = NumberSequence.objects.select_for_update().get(issuer=issuer, year=year)
    first = sequence.last_serial + 1
    sequence.last_serial += count
    sequence.save(update_fields=["last_serial"])
    return range(first, first + count)
