/**
 * The sessions a clause hangs a duty on: "at its eighty-second session", "to
 * the Human Rights Council at its sixtieth session", "the 2025 session of the
 * Council", "the next plenipotentiary conference" (one event each), and "each
 * session of the Council" (a series). The draft declares each as a tentative
 * event whose date a person fills in: the text names the session, never its
 * day.
 */

/** A session named by the text. */
export interface FoundSession {
  /** The event key (or, for a series, the series key): "ga-82", "pp-next", "council". */
  key: string;
  /** A title for the event: "General Assembly, 82nd session". */
  title: string;
  /** True for "each session of ...": a series, one occurrence per session. */
  series: boolean;
  /** The words of the text that name it. */
  text: string;
}

const UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const UNIT_ORDINALS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
];
const TEEN_ORDINALS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TENS_ORDINALS = TENS.map((t) => (t === '' ? '' : `${t.slice(0, -1)}ieth`));

/** "eighty-second" gives 82, "sixtieth" 60, "one hundred and third" 103, "82nd" 82. */
export function ordinalNumber(words: string): number | undefined {
  const text = words
    .toLowerCase()
    .replace(/\s+and\s+/g, ' ')
    .trim();
  const digits = /^(\d{1,3})(?:st|nd|rd|th)$/.exec(text);
  if (digits) return Number(digits[1]);
  let rest = text;
  let hundreds = 0;
  const hundred = /^(?:(one|two|three)\s+)?hundred(?:th)?\s*/.exec(rest);
  if (hundred) {
    hundreds = 100 * (hundred[1] ? UNITS.indexOf(hundred[1]) : 1);
    rest = rest.slice(hundred[0].length);
    if (rest === '') return hundreds;
  }
  const below = belowHundred(rest);
  return below === undefined ? undefined : hundreds + below;
}

function belowHundred(text: string): number | undefined {
  if (UNIT_ORDINALS.includes(text) && text !== '') return UNIT_ORDINALS.indexOf(text);
  if (TEEN_ORDINALS.includes(text)) return 10 + TEEN_ORDINALS.indexOf(text);
  if (TENS_ORDINALS.includes(text) && text !== '') return 10 * TENS_ORDINALS.indexOf(text);
  const compound = /^([a-z]+)[-\s]([a-z]+)$/.exec(text);
  if (compound && TENS.includes(compound[1]!) && UNIT_ORDINALS.includes(compound[2]!))
    return 10 * TENS.indexOf(compound[1]!) + UNIT_ORDINALS.indexOf(compound[2]!);
  return undefined;
}

/** Short keys for the bodies whose sessions texts name most. */
const KNOWN_BODIES: [RegExp, string][] = [
  [/^plenipotentiary conference$/i, 'pp'],
  [/^(?:itu )?council$/i, 'council'],
  [/^general assembly$/i, 'ga'],
  [/^human rights council$/i, 'hrc'],
  [/^economic and social council$/i, 'ecosoc'],
  [/^security council$/i, 'sc'],
  [/^commission on science and technology for development$/i, 'cstd'],
  [/^high-level political forum(?: on sustainable development)?$/i, 'hlpf'],
];

/** An event key for a body: a known short key, else its initials ("Commission on the Status of Women" gives "csw"). */
export function sessionBodyKey(body: string): string {
  const name = body.replace(/^the\s+/i, '').trim();
  for (const [pattern, key] of KNOWN_BODIES) if (pattern.test(name)) return key;
  const initials = name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0]!.toLowerCase())
    .join('');
  return initials === '' ? 'session' : initials;
}

function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** A body name: capitalised words, with the small words that join them. */
const BODY = String.raw`([A-Z][\w&-]*(?:\s+(?:(?:on|of|and|for|the)\s+)*[A-Z][\w&-]*)*)`;
const ORDINAL = String.raw`((?:one\s+)?(?:hundred(?:th)?\s+(?:and\s+)?)?[a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th))`;

const PATTERNS: {
  pattern: RegExp;
  read: (m: RegExpExecArray, adoptedBy: string | undefined) => FoundSession | undefined;
}[] = [
  // "each session of the Council", "every session of the Commission", "each Council session"
  {
    pattern: new RegExp(
      String.raw`\b(?:each|every|all)\s+(?:(?:regular|ordinary|annual)\s+)?sessions?\s+of\s+(?:the\s+)?${BODY}`,
      'g',
    ),
    read: (m) => series(m[1]!, m[0]),
  },
  {
    pattern: new RegExp(String.raw`\b(?:each|every)\s+${BODY}\s+session\b`, 'g'),
    read: (m) => series(m[1]!, m[0]),
  },
  // "the next plenipotentiary conference", "the next session of the Council", "the next Council session"
  {
    pattern:
      /\bthe\s+next\s+(plenipotentiary\s+conference|world\s+[a-z]+\s+[a-z-]+\s+(?:conference|assembly))\b/gi,
    read: (m) => next(m[1]!, m[0]),
  },
  {
    pattern: new RegExp(
      String.raw`\bthe\s+next\s+(?:regular\s+)?session\s+of\s+(?:the\s+)?${BODY}`,
      'g',
    ),
    read: (m) => next(m[1]!, m[0]),
  },
  {
    pattern: new RegExp(String.raw`\bthe\s+next\s+${BODY}\s+session\b`, 'g'),
    read: (m) => next(m[1]!, m[0]),
  },
  // "the 2025 session of the Council", "the 2026 Plenipotentiary Conference", "the Plenipotentiary Conference in 2026"
  {
    pattern: new RegExp(
      String.raw`\bthe\s+((?:19|20)\d\d)\s+session\s+of\s+(?:the\s+)?${BODY}`,
      'g',
    ),
    read: (m) => dated(m[2]!, m[1]!, m[0]),
  },
  {
    pattern: /\bthe\s+((?:19|20)\d\d)\s+(Plenipotentiary\s+Conference|Council)\b/g,
    read: (m) => dated(m[2]!, m[1]!, m[0]),
  },
  {
    pattern: /\bthe\s+(Plenipotentiary\s+Conference)\s+(?:in\s+)?((?:19|20)\d\d)\b/g,
    read: (m) => dated(m[1]!, m[2]!, m[0]),
  },
  // "to update Council 2025", "Plenipotentiary Conference 2026": the session named by its year
  {
    pattern: /\b(Council|Plenipotentiary\s+Conference)\s+((?:19|20)\d\d)\b/g,
    read: (m) => dated(m[1]!, m[2]!, m[0]),
  },
  // "to the Human Rights Council at its sixtieth session", "at its eighty-second session"
  {
    pattern: new RegExp(
      String.raw`(?:\b(?:the\s+)?${BODY}\s*,?\s+)?\b(?:at|of|to|for)\s+its\s+${ORDINAL}\s+(?:regular\s+|ordinary\s+)?session\b`,
      'g',
    ),
    read: (m, adoptedBy) => {
      const body = m[1] ?? adoptedBy;
      if (body === undefined) return undefined;
      if (m[2] === 'next') return next(body, m[0].trim());
      const n = ordinalNumber(m[2]!);
      if (n === undefined) return undefined;
      const name = body.replace(/^the\s+/i, '');
      return {
        key: `${sessionBodyKey(name)}-${n}`,
        title: `${name}, ${ordinalSuffix(n)} session`,
        series: false,
        text: m[0].trim(),
      };
    },
  },
];

function series(body: string, text: string): FoundSession {
  const name = body.replace(/^the\s+/i, '');
  return { key: sessionBodyKey(name), title: `${name} (each session)`, series: true, text };
}

function next(body: string, text: string): FoundSession {
  // "plenipotentiary conference" is named as the body names itself.
  const name = body
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .replace(/\b(?!(?:on|of|and|for|the)\b)[a-z]/g, (c) => c.toUpperCase());
  return {
    key: `${sessionBodyKey(name)}-next`,
    title: `${name}, next session`,
    series: false,
    text,
  };
}

function dated(body: string, year: string, text: string): FoundSession {
  const name = body.replace(/^the\s+/i, '').replace(/\s+/g, ' ');
  return { key: `${sessionBodyKey(name)}-${year}`, title: `${name} ${year}`, series: false, text };
}

/** The sessions the text names, in text order, each once. */
export function findSessions(text: string, adoptedBy?: string): FoundSession[] {
  const found: { at: number; end: number; session: FoundSession }[] = [];
  for (const { pattern, read } of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (found.some((f) => m.index < f.end && end > f.at)) continue;
      const session = read(m as RegExpExecArray, adoptedBy);
      if (session) found.push({ at: m.index, end, session });
    }
  }
  found.sort((a, b) => a.at - b.at);
  const keys = new Set<string>();
  return found
    .map((f) => f.session)
    .filter((s) => !keys.has(s.key) && keys.add(s.key) !== undefined);
}
