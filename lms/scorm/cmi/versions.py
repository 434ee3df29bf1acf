"""Which data model a package's SCORM version uses."""

from django.utils.translation import gettext as _

from . import scorm12, scorm2004
from .model import DataModel


def model_for(version: str) -> DataModel:
    """The model of "1.2", or of SCORM 2004 for "2004", "2004-3", "2004-4":
    2nd and 3rd edition packages get the 4th edition's model."""
    text = str(version)
    if text == "1.2":
        return scorm12.MODEL
    if text.startswith("2004"):
        return scorm2004.MODEL
    raise ValueError(
        _("“%(version)s” is not a SCORM version: expected 1.2 or 2004.")
        % {"version": text}
    )


def is_2004(version: str) -> bool:
    return model_for(version) is scorm2004.MODEL
