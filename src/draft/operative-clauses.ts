/**
 * Splits the text of a resolution into its operative clauses, the way the
 * resolution names them. Two house styles:
 *
 * - ITU (Plenipotentiary Conference, Council, WTSA, WTDC, RA): operative
 *   headings ("resolves", "instructs the Secretary-General", ...) over
 *   numbered items, lettered sub-items, or one unnumbered item;
 * - UN (General Assembly, ECOSOC, Human Rights Council, Security Council):
 *   numbered paragraphs "1. Requests the Secretary-General to ...", with
 *   "(a)" and "(i)" sub-items, named "paragraph 1", "paragraph 2 (a) (i)".
 *
 * In the ITU style a clause is `<heading> <number>`, `<heading> <number> <sub>)` or
 * `Annex <letter>)`: the heading is the operative section heading as the text
 * writes it ("resolves", "instructs the Secretary-General", "invites Member
 * States, Sector Members, and all Stakeholders", ...), without its trailing
 * comma. Sub-item markers are written with ")" whatever the text uses ("a."
 * or "a)"), so that every sub-item has one form.
 */

import { readOpening, type Opening } from './opening';

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
  /** The sub-item marker as the reference writes it: "b)", "(b)", "(iii)". */
  label?: string;
  /** The clause's own text. */
  text: string;
  /** For a sub-item: the text of the item it belongs to (its chapeau). */
  parentText?: string;
  /** True when sub-items follow it: they carry the action, not the chapeau. */
  chapeau: boolean;
  /** 1-based line of the clause in the text. */
  line: number;
  /** UN style: what the paragraph (or the chapeau of a sub-item) asks, read from its opening. */
  opening?: Opening;
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
  /** The house style the text was read in. */
  style: 'itu' | 'un';
}

const OPERATIVE_HEADING =
  /^(?:(?:further|also)\s+)?(?:resolves|decides|instructs|invites|encourages|requests|urges|calls upon|calls on|appeals to)\b/i;
/** A UN-style paragraph: "1. Requests ...". */
const UN_PARAGRAPH = /^(\d{1,3})\.\s+(\S.*)$/;
/** A UN-style sub-item: "(a) To report ...", "(ii) ...", or "a) ...". */
const UN_SUB_ITEM = /^(?:\(([a-z]{1,2}|[ivxl]+)\)|([a-z])\))\s+(\S.*)$/;
/** An item under an operative heading written without number or letter: "to conduct a survey ...". */
const SINGLE_ITEM = /^(?:to|that)\s+\S/;
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
  const lines = text.split(/\r?\n/).map(clean);
  return lines.some((l) => /^\d{1,3}\.\s+[A-Z]/.test(l)) ? readUnText(lines) : readItuText(lines);
}

/** The title (the lines before "The General Assembly,") and the adopting body; the index after them. */
function readTitle(lines: readonly string[]): { title?: string; adoptedBy?: string; next: number } {
  const title: string[] = [];
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const body = ADOPTING_BODY.exec(trimmed);
    if (body?.[1]) return { ...titled(title), adoptedBy: body[1], next: index + 1 };
    // "Resolution adopted by the General Assembly on ...": the document's header, not its title.
    if (/^resolution adopted by\b/i.test(trimmed)) continue;
    if (
      PREAMBLE_HEADING.test(trimmed) ||
      OPERATIVE_HEADING.test(trimmed) ||
      UN_PARAGRAPH.test(trimmed)
    )
      return { ...titled(title), next: index };
    title.push(trimmed);
  }
  return { ...titled(title), next: lines.length };
}

function titled(lines: string[]): { title?: string } {
  return lines.length > 0 ? { title: lines.join(' ').replace(/\s+/g, ' ') } : {};
}

/** Whether `marker` comes right after `previous` in the alphabet ("i" after "h" is a letter, not a numeral). */
function nextLetter(previous: string | undefined, marker: string): boolean {
  if (previous === undefined) return marker === 'a';
  return (
    previous.length === 1 &&
    marker.length === 1 &&
    marker.charCodeAt(0) === previous.charCodeAt(0) + 1
  );
}

/** A UN-style text: numbered paragraphs after an unnumbered preamble, "(a)" and "(i)" below them. */
function readUnText(lines: readonly string[]): ResolutionText {
  const head = readTitle(lines);
  const result: ResolutionText = {
    ...(head.title !== undefined ? { title: head.title } : {}),
    ...(head.adoptedBy !== undefined ? { adoptedBy: head.adoptedBy } : {}),
    clauses: [],
    style: 'un',
  };
  let paragraph: OperativeClause | null = null;
  let item: OperativeClause | null = null;
  let last: OperativeClause | null = null;
  let blank = true;
  for (let index = head.next; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') {
      blank = true;
      continue;
    }
    const lineNo = index + 1;
    const numbered = UN_PARAGRAPH.exec(line);
    const sub = UN_SUB_ITEM.exec(line);
    if (numbered) {
      const [, number = '', body = ''] = numbered;
      paragraph = {
        section: 'paragraph',
        name: `paragraph ${number}`,
        number,
        text: body,
        chapeau: false,
        line: lineNo,
        opening: readOpening(body),
      };
      item = null;
      last = paragraph;
      result.clauses.push(paragraph);
    } else if (sub && paragraph) {
      const marker = sub[1] ?? sub[2] ?? '';
      const body = sub[3] ?? '';
      // A numeral below a lettered item, unless it is the letter that comes next.
      const nested = item !== null && /^[ivxl]+$/.test(marker) && !nextLetter(item.marker, marker);
      const parent: OperativeClause = nested && item ? item : paragraph;
      if (!nested) item = null;
      parent.chapeau = true;
      const clause: OperativeClause = {
        section: 'paragraph',
        name: `${parent.name} (${marker})`,
        number: paragraph.number!,
        marker: nested && parent.marker ? `${parent.marker}-${marker}` : marker,
        label: `(${marker})`,
        text: body,
        parentText: parent.text,
        chapeau: false,
        line: lineNo,
        opening: paragraph.opening!,
      };
      if (!nested) item = clause;
      last = clause;
      result.clauses.push(clause);
    } else if (last && !blank) {
      // A paragraph broken over lines: the line continues it.
      last.text = `${last.text} ${line}`;
      if (last === paragraph) paragraph.opening = readOpening(paragraph.text);
    } else if (paragraph && /^annex\b/i.test(line)) {
      break;
    } else if (last) {
      last.text = `${last.text} ${line}`;
    }
    // Unnumbered lines before the first paragraph are the preamble.
    blank = false;
  }
  return result;
}

/** An ITU-style text: operative headings over numbered, lettered or single items, and an Annex. */
function readItuText(lines: readonly string[]): ResolutionText {
  // The title runs from the first line to "The ITU Council," (or to the first heading).
  const head = readTitle(lines);
  const result: ResolutionText = {
    ...(head.title !== undefined ? { title: head.title } : {}),
    ...(head.adoptedBy !== undefined ? { adoptedBy: head.adoptedBy } : {}),
    clauses: [],
    style: 'itu',
  };
  const clauses = result.clauses;
  let section: string | null = null;
  let parent: OperativeClause | null = null;
  let awaitingAnnexTitle = false;

  for (let index = head.next; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const lineNo = index + 1;
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
          label: `${marker})`,
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
    } else if (
      section !== null &&
      SINGLE_ITEM.test(line.trim()) &&
      !clauses.some((c) => c.section === section)
    ) {
      // The heading's one item, written without a number: the clause is named by the heading.
      parent = { section, name: section, text: line.trim(), chapeau: false, line: lineNo };
      clauses.push(parent);
    } else {
      // Any other heading (recalling, considering, ..., "Annex: 1") ends the section.
      section = null;
      parent = null;
    }
  }
  return result;
}

/** Every clause of the operative part and of the Annex, in text order. */
export function operativeClauses(text: string): OperativeClause[] {
  return readResolutionText(text).clauses;
}
