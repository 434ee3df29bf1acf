"""The learner's transcript of learning hours (their own only): a page per
year and its PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .. import transcript as transcripts

YEAR_PARAMETER = "nam"  # ?nam=2026, Vietnamese like the other addresses


def chosen_year(value) -> int:
    """The year asked for, else the current one."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if transcripts.is_valid_year(year) else timezone.localdate().year


@never_cache
@login_required
def transcript(request):
    year = chosen_year(request.GET.get(YEAR_PARAMETER))
    return render(
        request,
        "certificates/transcript.html",
        {
            "transcript": transcripts.transcript_for(user=request.user, year=year),
            "year_parameter": YEAR_PARAMETER,
        },
    )


@never_cache
@login_required
def transcript_pdf(request, year):
    if not transcripts.is_valid_year(year):
        raise Http404
    content = transcripts.render_pdf(user=request.user, year=year)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-gio-hoc-{year}.pdf"'
    return response
