"""A survey's figures and responses as an .xlsx workbook, in Vietnamese."""

from io import BytesIO

from django.utils import timezone, translation
from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.org.data import Level

from ..data import ClassMode, NeedPriority
from ..models import SurveyTopic
from .summary import aggregate, survey_responses


def export_xlsx(*, survey, units=None) -> bytes:
    """The survey's figures as an .xlsx workbook, in Vietnamese: a sheet per
    breakdown (topics; topics by level; topics by position title) and one
    of the responses (unit, level, title, priorities, mode, other needs;
    never names or phone numbers). Narrowed to ``units`` like ``aggregate``."""
    with translation.override("vi"):
        summary = aggregate(survey=survey, units=units)
        book = Workbook()
        _topics_sheet(book.active, summary)
        _breakdown_sheet(
            book.create_sheet("Theo cấp"),
            "Cấp đơn vị",
            [str(level.label) for level in summary.levels],
            summary.level_table(),
            summary.level_totals(),
        )
        _breakdown_sheet(
            book.create_sheet("Theo chức danh"),
            "Chức danh",
            [str(name) for _pk, name in summary.titles],
            summary.title_table(),
            summary.title_totals(),
        )
        _responses_sheet(book.create_sheet("Phiếu trả lời"), survey, units)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _header(sheet, cells):
    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _topics_sheet(sheet, summary):
    sheet.title = "Chủ đề"
    priorities = [str(label) for label in NeedPriority.labels]
    _header(sheet, ["Chủ đề", "Số người cần", *priorities, "Điểm ưu tiên"])
    for topic in summary.topics:
        sheet.append(
            [topic.title, topic.respondents, *topic.priority_counts, topic.score]
        )
    sheet.append([])
    sheet.append(["Số người trả lời", summary.respondents])
    sheet.append(["Số người được hỏi", summary.asked])
    sheet.column_dimensions["A"].width = 48


def _breakdown_sheet(sheet, corner, columns, rows, totals):
    _header(sheet, [f"Chủ đề / {corner}", *columns])
    for topic, counts in rows:
        sheet.append([topic.title, *counts])
    sheet.append(["Số người trả lời", *totals])
    sheet.column_dimensions["A"].width = 48


def _responses_sheet(sheet, survey, units):
    topics = list(SurveyTopic.objects.filter(survey=survey).values_list("pk", "title"))
    _header(
        sheet,
        [
            "Đơn vị",
            "Cấp",
            "Chức danh",
            *(title for _pk, title in topics),
            "Hình thức học mong muốn",
            "Nhu cầu khác",
            "Ngày trả lời",
        ],
    )
    responses = (
        survey_responses(survey=survey, units=units)
        .select_related("unit", "title")
        .prefetch_related("needs")
        .order_by("unit__path", "pk")
    )
    for response in responses:
        chosen = {need.topic_id: need.priority for need in response.needs.all()}
        sheet.append(
            [
                response.unit.name,
                str(Level(response.unit_level).label),
                response.title.name if response.title else "",
                *(_priority_label(chosen.get(pk)) for pk, _title in topics),
                str(ClassMode(response.preferred_mode).label)
                if response.preferred_mode
                else "",
                response.other_needs,
                date_format(
                    timezone.localtime(response.updated_at), "SHORT_DATE_FORMAT"
                ),
            ]
        )


def _priority_label(priority) -> str:
    return str(NeedPriority(priority).label) if priority else ""
