"""The enrolments of a course as a CSV file, searched, filtered and ordered
as the listing is; UTF-8 with a BOM so that Excel shows Vietnamese."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _

from . import columns as cols
from .listing import EnrolmentIndexView


def csv_header():
    return [
        _("Name"),
        _("Unit"),
        _("Position title"),
        _("Phone number"),
        _("Enrolled at"),
        _("Enrolled by"),
        _("Status"),
        _("Progress (%)"),
        _("Completed at"),
    ]


def csv_row(enrolment):
    person = enrolment.person
    return [
        cols.learner_name(enrolment),
        str(person.unit) if person else "",
        str(person.title or "") if person else "",
        person.local_phone if person else "",
        cols.local_date(enrolment.enrolled_at),
        cols.source_label(enrolment),
        enrolment.get_status_display(),
        enrolment.percent,
        cols.local_date(enrolment.completed_at),
    ]


class EnrolmentExportView(EnrolmentIndexView):
    def get(self, request, *args, **kwargs):
        enrolments = self.scope.attach_people(self.get_queryset())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"ghi-danh-{self.course.slug}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(csv_header())
        writer.writerows(csv_row(enrolment) for enrolment in enrolments)
        return response
