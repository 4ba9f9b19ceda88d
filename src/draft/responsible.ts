/**
 * Who a clause speaks to, read from its section heading: "instructs the
 * Secretary-General" gives the Secretary-General; "invites Member States ..."
 * gives the Member States and marks the clause as an invitation (reminders
 * only, never overdue notices).
 */

/** The body a heading addresses, and how firmly. */
export interface Addressee {
  /** The body, as the heading writes it; undefined when the heading names none ("resolves"). */
  body?: string;
  /** An invitation or encouragement: remind, never chase. */
  invitation: boolean;
}

/** "instructs the Secretary-General", "further invites ...", "resolves to instruct the Director of ...". */
const ADDRESSING =
  /^(?:(?:further|also)\s+)?(?:resolves\s+to\s+)?(instructs?|requests?|invites?|encourages?|urges?|calls? upon|calls? on|appeals? to)\s+(.+)$/i;
const INVITING = new Set([
  'invites',
  'encourages',
  'urges',
  'calls upon',
  'calls on',
  'appeals to',
]);
/** "Terms of reference of the Council Working Group on WSIS&SDG" names the body of the Annex. */
const TERMS_OF_REFERENCE = /\bterms of reference of\s+(?:the\s+)?(.+)$/i;

/** The addressee of a section heading ("Annex" reads the Annex's subtitle). */
export function addresseeOf(section: string, annexTitle?: string): Addressee {
  if (section === 'Annex') {
    const body = annexTitle ? TERMS_OF_REFERENCE.exec(annexTitle)?.[1] : undefined;
    return body ? { body: body.trim(), invitation: false } : { invitation: false };
  }
  const m = ADDRESSING.exec(section);
  if (!m) return { invitation: false };
  // "resolves to instruct" asks as "instructs" does.
  const verb = (m[1] ?? '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(instruct|request|invite|encourage|urge|call|appeal)\b(?!s)/, '$1s');
  const body = (m[2] ?? '').replace(/^the\s+/i, '').trim();
  return { body, invitation: INVITING.has(verb) };
}

/** A people key for a body: "Secretary-General and the Directors of the Bureaux" gives "secretary-general-directors-bureaux". */
export function bodyKey(body: string): string {
  const words = body
    .toLowerCase()
    .replace(/&/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
  return words.slice(0, 4).join('-') || 'body';
}

const STOP_WORDS = new Set(['the', 'of', 'on', 'and', 'all', 'for', 'to', 'in', 'its', 'a', 'an']);
