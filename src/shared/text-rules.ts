/**
 * What text a catalog, a request or a person may give for a name, a title or
 * a file name: one line, and no character that changes how the text around
 * it reads. A line break in a name reaches mail headers and display names;
 * a bidirectional override (U+202E) can show `report.exe` as `exe.troper`
 * or reorder a title. Marks that only hint direction (U+200E, U+200F,
 * U+061C) are fine: names in Arabic need them.
 */

/** Embeddings, overrides and isolates: U+202A-U+202E, U+2066-U+2069. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** C0 and C1 controls but tab, line feed and carriage return, which are judged on their own. */
const OTHER_CONTROL = /[\p{Cc}]/u;
const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/u;

const codePoint = (ch: string) =>
  `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `value` is not acceptable text, or null. `multiline` texts (notes,
 * reasons, a text deliverable) may hold line breaks and tabs.
 */
export function textProblem(value: string, options: { multiline?: boolean } = {}): string | null {
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return `holds ${codePoint(bidi[0])}, a bidirectional formatting character that can reorder what people read`;
  if (!options.multiline) {
    const br = LINE_BREAK.exec(value);
    if (br) return `holds a line break (${codePoint(br[0])}); it must be one line`;
  }
  for (const ch of value) {
    if (ch === '\t' || (options.multiline && (ch === '\n' || ch === '\r'))) continue;
    if (OTHER_CONTROL.test(ch)) return `holds the control character ${codePoint(ch)}`;
  }
  return null;
}

/** A file name as it is kept: control and bidirectional formatting characters dropped, spaces folded. */
export function cleanFileName(name: string): string {
  const cleaned = [...name]
    .filter((ch) => !OTHER_CONTROL.test(ch) && !BIDI_CONTROL.test(ch) && !LINE_BREAK.test(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || 'document';
}

/** `value` quoted for a message, with controls and direction characters written as \\uXXXX, so it reads as it is. */
export function quotedText(value: string): string {
  return JSON.stringify(value).replace(
    /[\u202a-\u202e\u2066-\u2069\u2028\u2029\u0085\p{Cc}]/gu,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
