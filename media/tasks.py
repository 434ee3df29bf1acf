from django_tasks import task

from . import api


@task(queue_name="video")
def transcode_video_task(video_id: int):
    """Transcode one video; safe to run twice (see api.transcode)."""
    api.transcode(video_id=video_id)
