from django.core import checks

from . import conf


@checks.register(checks.Tags.security, deploy=True)
def content_origin_set(app_configs, **kwargs):
    """Packages served from the LMS host could read the CSRF cookie and act
    as the learner; a host of their own keeps them out."""
    if conf.get("HOCVIEN_CONTENT_ORIGIN"):
        return []
    return [
        checks.Warning(
            "HOCVIEN_CONTENT_ORIGIN is not set: SCORM and H5P content is served "
            "from the LMS host, where a package could act as the learner.",
            hint="Serve content from a host of its own (deploy/README.md).",
            id="packages.W001",
        )
    ]
