"""Reads a .docx or .xlsx with independent readers (python-docx, openpyxl)
and prints what a person would see, as JSON, for the report tests."""
import datetime
import json
import sys

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path):
    import docx

    document = docx.Document(path)
    body = []
    # Paragraphs and tables in document order.
    for block in document.element.body.iterchildren():
        if block.tag == W + "p":
            p = docx.text.paragraph.Paragraph(block, document)
            ppr = block.find(W + "pPr")
            bidi = ppr is not None and ppr.find(W + "bidi") is not None
            body.append({"paragraph": p.text, "style": p.style.name, "bidi": bidi})
        elif block.tag == W + "tbl":
            t = docx.table.Table(block, document)
            tblpr = block.find(W + "tblPr")
            rtl = tblpr is not None and tblpr.find(W + "bidiVisual") is not None
            body.append(
                {
                    "table": [[cell.text for cell in row.cells] for row in t.rows],
                    "rightToLeft": rtl,
                }
            )
    section = document.sections[0]
    return {
        "title": document.core_properties.title,
        "landscape": section.page_width > section.page_height,
        "body": body,
    }


def cell_value(value):
    if isinstance(value, datetime.datetime):
        return {"date": value.isoformat()}
    return value


def read_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        sheets.append(
            {
                "name": sheet.title,
                "freeze": sheet.freeze_panes,
                "filter": sheet.auto_filter.ref,
                "headerBold": all(c.font.bold for c in sheet[1] if c.value is not None),
                "rightToLeft": bool(sheet.sheet_view.rightToLeft),
                "rows": [
                    [cell_value(c.value) for c in row] for row in sheet.iter_rows()
                ],
                "formats": [c.number_format for c in sheet[2]] if sheet.max_row > 1 else [],
            }
        )
    return {"sheets": sheets}


if __name__ == "__main__":
    path = sys.argv[1]
    result = read_docx(path) if path.endswith(".docx") else read_xlsx(path)
    json.dump(result, sys.stdout, ensure_ascii=False)
