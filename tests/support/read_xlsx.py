"""Opens a workbook with openpyxl (a second, independent XLSX implementation) and prints what a
test needs as JSON: per sheet its dimensions, frozen pane, filter, print area and orientation,
column widths, the first rows' values and number formats, and every numeric cell checked finite.
Exits 1 with the reason when openpyxl cannot open the file or a number is not finite."""
import json
import math
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": []}
for ws in wb.worksheets:
    numbers = 0
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, float) and not math.isfinite(c.value):
                print(f"{ws.title}!{c.coordinate}: {c.value}", file=sys.stderr)
                sys.exit(1)
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                numbers += 1
    rows = []
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 6)):
        rows.append([{"value": c.value, "format": c.number_format} for c in row])
    out["sheets"].append(
        {
            "title": ws.title,
            "max_row": ws.max_row,
            "max_column": ws.max_column,
            "freeze_panes": ws.freeze_panes,
            "auto_filter": ws.auto_filter.ref,
            "print_area": ws.print_area,
            "orientation": ws.page_setup.orientation,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "numbers": numbers,
            "rows": rows,
        }
    )
print(json.dumps(out, ensure_ascii=False, default=str))
