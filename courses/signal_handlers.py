from wagtail.models import ReferenceIndex
from wagtail.signals import page_published, page_unpublished

from .items import sync_course


def resync_course(sender, instance, **kwargs):
    """A course, module or lesson changed live: re-read the course's items."""
    from .models import CoursePage, LessonPage

    # Connected per page model, so ``instance`` is already the specific page.
    course = (
        instance
        if isinstance(instance, CoursePage)
        else CoursePage.objects.ancestor_of(instance).first()
    )
    if isinstance(instance, LessonPage) and instance.live:
        # The lecture gate (access.py) reads the reference index, which
        # Wagtail otherwise updates from a job that may wait behind hours of
        # transcoding in the queue; a published lesson must play at once.
        ReferenceIndex.create_or_update_for_object(instance)
    if course is not None:
        sync_course(course)


def register_signal_handlers():
    from .models import CoursePage, LessonPage, ModulePage

    for model in (CoursePage, ModulePage, LessonPage):
        page_published.connect(resync_course, sender=model)
        page_unpublished.connect(resync_course, sender=model)
