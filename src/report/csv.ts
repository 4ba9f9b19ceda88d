/**
 * The one CSV writer: RFC 4180 (CRLF line ends, fields with a quote, comma or
 * line break quoted, quotes doubled), UTF-8 with a byte-order mark so Excel
 * reads Arabic and Chinese right, and a cell that a spreadsheet would run as
 * a formula (= + - @, tab, carriage return first) neutralised with a leading
 * apostrophe, as OWASP advises against CSV injection.
 */

const BOM = '\uFEFF';

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV file: the header row, then the rows, each as its cells' text. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(',') + '\r\n').join('');
}
