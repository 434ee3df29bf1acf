"""H5P's own interface words (not the content's, which its author wrote),
in the learner's language: passed to h5p-standalone as ``translations``."""

from django.utils.translation import gettext as _


def core_translations() -> dict:
    return {
        "H5P": {
            "fullscreen": _("Full screen"),
            "disableFullscreen": _("Leave full screen"),
            "close": _("Close"),
            "contentChanged": _("This activity has changed since you last used it."),
            "startingOver": _("You will start over."),
            "confirmDialogHeader": _("Confirm action"),
            "confirmDialogBody": _("Please confirm that you wish to proceed."),
            "cancelLabel": _("Cancel"),
            "confirmLabel": _("Confirm"),
            "offlineDialogHeader": _("Your connection to the server was lost"),
            "offlineDialogBody": _(
                "We were unable to send your answers. Check the network."
            ),
            "offlineDialogRetryMessage": _("Trying again in :num…"),
            "offlineDialogRetryButtonLabel": _("Try again now"),
            "offlineSuccessfulSubmit": _("Your answers were sent."),
        }
    }
