/**
 * Splits the text of a resolution into its operative clauses, the way the
 * resolution names them.
 *
 * A clause is `<heading> <number>`, `<heading> <number> <sub>)` or
 * `Annex <letter>)`: the heading is the operative section heading as the text
 * writes it ("resolves", "instructs the Secretary-General", "invites Member
 * States, Sector Members, and all Stakeholders", ...), without its trailing
 * comma. Sub-item markers are written with ")" whatever the text uses ("a."
 * or "a)"), so that every sub-item has one form.
 */

/** One operative clause of a resolution. */
export interface OperativeClause {
  /** The section heading as the text writes it, or "Annex". */
  section: string;
  /** e.g. "instructs the Secretary-General 7", "resolves 3 b)", "Annex c)" */
  name: string;
  /** The item number ("7"); undefined for Annex items. */
  number?: string;
  /** The sub-item marker without its punctuation ("b", "iii"), if any. */
  marker?: string;
  /** The clause's own text. */
  text: string;
  /** For a sub-item: the text of the item it belongs to (its chapeau). */
  parentText?: string;
  /** True when sub-items follow it: they carry the action, not the chapeau. */
  chapeau: boolean;
  /** 1-based line of the clause in the text. */
  line: number;
}

/** What the text says before and around its operative part. */
export interface ResolutionText {
  /** The first line of the text (the resolution's title), cleaned. */
  title?: string;
  /** The body in the "The ITU Council," line before the preamble, if any. */
  adoptedBy?: string;
  /** The Annex's subtitle ("Terms of reference of ..."), if any. */
  annexTitle?: string;
  clauses: OperativeClause[];
}

const OPERATIVE_HEADING =
  /^(?:resolves|decides|instructs|invites|encourages|requests|urges|calls upon|further resolves|further instructs|further invites)\b/i;
const NUMBERED_ITEM = /^(\d{1,2})\s+(\S.*)$/;
const LETTERED_ITEM = /^([a-z]|[ivx]+)[.)]\s+(\S.*)$/;
/** "The ITU Council," before the preamble. */
const ADOPTING_BODY = /^The\s+(.+?),$/;
/** A preamble heading: "recalling", "considering", "bearing in mind", "noting further", ... */
const PREAMBLE_HEADING = /^(?:[a-z]+ing\b|bearing in mind|aware|mindful|further)/;

/** Word-processor residue in a plain-text export: bookmarks, footnote marks, no-break spaces. */
function clean(line: string): string {
  return line
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/\[footnoteRef:[^\]]*\]/g, '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+$/, '');
}

function headingName(line: string): string {
  return line
    .trim()
    .replace(/[,:;]+$/, '')
    .replace(/\s+/g, ' ');
}

/** Reads a resolution's text: its title, adopting body, and every operative and Annex clause in order. */
export function readResolutionText(text: string): ResolutionText {
  const result: ResolutionText = { clauses: [] };
  const clauses = result.clauses;
  let section: string | null = null;
  let parent: OperativeClause | null = null;
  let inTitle = true;
  const title: string[] = [];
  let awaitingAnnexTitle = false;

  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = clean(raw);
    if (line.trim() === '') continue;
    const lineNo = index + 1;
    // The title runs from the first line to "The ITU Council," (or to the first heading).
    if (inTitle) {
      const trimmed = line.trim();
      const body = ADOPTING_BODY.exec(trimmed);
      if (body?.[1]) {
        result.adoptedBy = body[1];
        inTitle = false;
        continue;
      }
      if (!PREAMBLE_HEADING.test(trimmed) && !OPERATIVE_HEADING.test(trimmed)) {
        title.push(trimmed);
        continue;
      }
      inTitle = false;
    }
    // Indented lines continue a preamble paragraph (e.g. a quoted
    // "and invites ITU members:" inside a considering): never operative.
    if (/^\s/.test(line)) continue;

    const numbered = NUMBERED_ITEM.exec(line);
    const lettered = LETTERED_ITEM.exec(line);

    if (numbered && section !== null && section !== 'Annex') {
      const [, number = '', body = ''] = numbered;
      parent = {
        section,
        name: `${section} ${number}`,
        number,
        text: body,
        chapeau: false,
        line: lineNo,
      };
      clauses.push(parent);
    } else if (lettered && section !== null) {
      awaitingAnnexTitle = false;
      const [, marker = '', body = ''] = lettered;
      if (section === 'Annex' || parent === null) {
        clauses.push({
          section,
          name: `${section} ${marker})`,
          marker,
          text: body,
          chapeau: false,
          line: lineNo,
        });
      } else {
        parent.chapeau = true;
        clauses.push({
          section,
          name: `${parent.name} ${marker})`,
          ...(parent.number !== undefined ? { number: parent.number } : {}),
          marker,
          text: body,
          parentText: parent.text,
          chapeau: false,
          line: lineNo,
        });
      }
    } else if (numbered || lettered) {
      // An item of a preamble section (recalling, considering, ...).
      continue;
    } else if (/^annex$/i.test(line.trim())) {
      section = 'Annex';
      parent = null;
      awaitingAnnexTitle = true;
    } else if (section === 'Annex') {
      if (awaitingAnnexTitle) result.annexTitle = headingName(line);
      awaitingAnnexTitle = false;
    } else if (OPERATIVE_HEADING.test(line.trim())) {
      section = headingName(line);
      parent = null;
    } else {
      // Any other heading (recalling, considering, ..., "Annex: 1") ends the section.
      section = null;
      parent = null;
    }
  }
  if (title.length > 0) result.title = title.join(' ').replace(/\s+/g, ' ');
  return result;
}

/** Every clause of the operative part and of the Annex, in text order. */
export function operativeClauses(text: string): OperativeClause[] {
  return readResolutionText(text).clauses;
}
