from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms.progress import api as progress


@login_required
def my_learning(request):
    """The learner's courses with their progress and what is still missing."""
    rows = [
        {
            "course": enrolment.course.specific,
            "enrolment": enrolment,
            "progress": progress.course_progress(
                user=request.user, course_id=enrolment.course_id
            ),
            "requirements": progress.requirements(
                user=request.user, course_id=enrolment.course_id
            ),
        }
        for enrolment in progress.enrolments_of(request.user)
    ]
    return render(request, "courses/my_learning.html", {"rows": rows})
