class CertificateError(Exception):
    """A refused request about certificates; ``str(error)`` is a translated
    sentence and nothing was changed."""
