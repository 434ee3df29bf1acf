from django.dispatch import Signal

#: A learner completed an item, once. Arguments: ``user``, ``item``
#: (progress.Item), ``course_id`` (page id). Sent after the commit.
item_completed = Signal()

#: A learner completed a course, once. Arguments: ``user``, ``course_id``.
#: Sent after the commit; certificates listen to this.
course_completed = Signal()
