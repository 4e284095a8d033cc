"""Spreadsheet exports for the hub's admin reports: safe, streamed, bounded memory.

Wagtail's ``SpreadsheetExportMixin`` (behind ``ReportView``) loads every row as
a model instance with its related rows, counts them with ``len()`` and builds
the XLSX in memory: at 280,000 deliveries that took about a minute and 2 GB.
``StreamingExportMixin`` reads plain values in chunks instead, streams the CSV,
writes the XLSX row by row to a temporary file (``hub.xlsx``), and escapes
formula-like text in every CSV cell (see ``csv_cell_escape``).
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse

from wagtail.admin.views.mixins import ExcelDateFormatter

from hub.admin_permissions import permission_denied_response
from hub.xlsx import xlsx_write

# OWASP "CSV injection": a spreadsheet runs a cell that starts with one of
# these as a formula (tab and CR can hide one after them).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV without this byte order mark as ANSI and garbles accents.
UTF8_BOM = "\ufeff"
CSV_CHUNK_CHARS = 64 * 1024  # one write to the client per ~64 KB, not per row
EXPORT_CHUNK_ROWS = 2000  # rows fetched from the database at a time
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_cell_escape(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, with a leading ``'``.

    Only text is escaped: a negative number is a number, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    """UTF-8 CSV (with a BOM) of already escaped rows, about 64 KB at a time."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= CSV_CHUNK_CHARS:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


class StreamingExportMixin:
    """Put before Wagtail's ``ReportView``: exports stream values, not instances.

    Each ``list_export`` entry is read with ``values_list`` (``"a.b"`` becomes
    the lookup ``a__b``; annotations work as they are). An entry that is not a
    lookup (a property, say) needs an ORM expression in ``export_expressions``.
    With ``export_permission`` set, exporting needs it: without it the export
    buttons are hidden and an export URL answers 403.
    """

    export_expressions: dict[str, Any] = {}
    export_permission: str | None = None

    def user_can_export(self) -> bool:
        return self.export_permission is None or self.request.user.has_perm(
            self.export_permission
        )

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_can_export():
            return permission_denied_response(
                request, permission=self.export_permission
            )
        return super().dispatch(request, *args, **kwargs)

    @property
    def show_export_buttons(self) -> bool:
        return bool(self.list_export) and self.user_can_export()

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Straight to the file: the listing's context would count (and so
            # load) every row.
            return self.as_spreadsheet(
                self.get_filtered_queryset(), request.GET.get("export")
            )
        return super().get(request, *args, **kwargs)

    def export_values(self, queryset: QuerySet) -> Iterator[tuple]:
        """Each row's ``list_export`` values, fetched a chunk at a time."""
        names, expressions = [], {}
        for index, field in enumerate(self.list_export):
            if field in self.export_expressions:
                alias = f"export_{index}"
                expressions[alias] = self.export_expressions[field]
                names.append(alias)
            else:
                names.append(field.replace(".", "__"))
        if expressions:
            queryset = queryset.annotate(**expressions)
        return queryset.values_list(*names).iterator(chunk_size=EXPORT_CHUNK_ROWS)

    def export_cells(
        self, queryset: QuerySet, export_format: str
    ) -> Iterator[list[Any]]:
        """Rows of preprocessed cells, as Wagtail's preprocessing would make them.

        The preprocessing function depends only on the field and the value's
        type, so it is looked up once per pair rather than per cell.
        """
        fields = list(self.list_export)
        chosen: dict[tuple[str, type], Any] = {}
        for values in self.export_values(queryset):
            cells = []
            for field, value in zip(fields, values, strict=True):
                key = (field, type(value))
                if key not in chosen:
                    chosen[key] = self.get_preprocess_function(
                        field, value, export_format
                    )
                function = chosen[key]
                cells.append(value if function is None else function(value))
            yield cells

    def export_headings_row(self, queryset: QuerySet) -> list[str]:
        return [self.get_heading(queryset, field) for field in self.list_export]

    def stream_csv(self, queryset: QuerySet) -> Iterator[bytes]:
        def rows():
            yield [csv_cell_escape(h) for h in self.export_headings_row(queryset)]
            for cells in self.export_cells(queryset, self.FORMAT_CSV):
                yield [csv_cell_escape(cell) for cell in cells]

        return csv_chunks(rows())

    def write_csv_response(self, queryset: QuerySet) -> StreamingHttpResponse:
        response = StreamingHttpResponse(
            self.stream_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.csv"'
        )
        return response

    def write_xlsx(self, queryset: QuerySet, output) -> None:
        """One sheet, written row by row by ``hub.xlsx`` (openpyxl is too slow)."""

        def rows():
            yield self.export_headings_row(queryset)
            yield from self.export_cells(queryset, self.FORMAT_XLSX)

        xlsx_write(
            output=output, rows=rows(), datetime_format=ExcelDateFormatter().get()
        )

    def write_xlsx_response(self, queryset: QuerySet) -> FileResponse:
        # Not a context manager: the response closes it once sent, which
        # deletes it (on Linux it has no name on disk at all).
        output = tempfile.TemporaryFile(prefix="hub-export-")  # noqa: SIM115
        try:
            self.write_xlsx(queryset, output)
        except BaseException:
            output.close()
            raise
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type=XLSX_CONTENT_TYPE,
            filename=f"{self.get_filename()}.xlsx",
        )
