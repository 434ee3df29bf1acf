from django.dispatch import Signal

#: A video finished transcoding. Argument: ``video`` (Video, status READY).
video_ready = Signal()

#: A transcode failed. Argument: ``video`` (Video, status FAILED, with
#: ``failure_reason``).
video_failed = Signal()
