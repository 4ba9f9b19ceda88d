/**
 * What a numbered paragraph of a UN-style resolution asks, read from its
 * opening words: "Requests the Secretary-General to report ..." asks the
 * Secretary-General; "Invites Member States to submit ..." invites Member
 * States (reminders only); "Welcomes ...", "Recalls ...", "Decides to remain
 * seized of the matter" ask no one to act, and say why.
 */

/** What a paragraph's opening says. */
export interface Opening {
  /** The operative verb as written, lower case: "requests", "calls upon", "decides". */
  verb: string;
  /** The body asked, as the text names it; undefined when the verb names none ("decides"). */
  body?: string;
  /** An invitation or encouragement: remind, never chase. */
  invitation: boolean;
  /** Why the paragraph carries no task, when it carries none. */
  noTask?: string;
}

/** Openings that repeat or stress a verb: "Also requests", "Further invites", "Strongly urges". */
const ADVERBS =
  /^(?:(?:also|further|furthermore|again|once again|moreover|strongly|urgently|kindly|respectfully|in this regard|in this context|to this end)[,]?\s+)+/i;
/** Verbs that ask a named body to act; the invitations among them remind and never chase. */
const ASKING = [
  'requests',
  'calls upon',
  'calls on',
  'invites',
  'encourages',
  'urges',
  'instructs',
  'directs',
  'authorizes',
  'authorises',
  'mandates',
  'entrusts',
  'appeals to',
  'recommends to',
  'tasks',
] as const;
const INVITING = new Set([
  'invites',
  'encourages',
  'urges',
  'calls upon',
  'calls on',
  'appeals to',
  'recommends to',
]);
/** "Reiterates its request to the Secretary-General to ...": the request again. */
const REITERATED =
  /^(?:reiterates|renews|repeats)\s+its\s+(request|call|invitation|appeal)s?\s+(?:to|upon|on)\s+/i;
const REITERATED_VERB: Record<string, string> = {
  request: 'requests',
  call: 'calls upon',
  invitation: 'invites',
  appeal: 'appeals to',
};
/** Verbs that state a position and ask no one to act, with the reason the draft gives. */
const STATING: [RegExp, string][] = [
  [/^recalls\b/i, 'recalls: cites what was agreed before, asks no one to act'],
  [/^reaffirms\b/i, 'reaffirms: restates a position, asks no one to act'],
  [/^welcomes\b/i, 'welcomes: takes a position, asks no one to act'],
  [
    /^(?:takes note|notes|acknowledges|recognizes|recognises)\b/i,
    'takes note: records a fact, asks no one to act',
  ],
  [
    /^(?:expresses|emphasizes|emphasises|stresses|underlines|underscores|highlights|affirms|declares|considers|believes|reiterates|is convinced|is concerned|deplores|condemns|regrets|commends|appreciates|supports|endorses|adopts|approves|pays tribute)\b/i,
    'states a view: asks no one to act',
  ],
];
const SEIZED = /^decides\s+to\s+remain\s+(?:actively\s+)?seized\b/i;
const DECIDING = /^decides\b/i;
/** Where the body's name ends: its infinitive, "that", a colon, or a clause after a comma. */
const BODY_END = /\s*,?\s+(?:to|that)\s+(?=[a-z])|\s*:|,\s+(?=[a-z])|;|\.\s*$/;

/** Reads the opening of a paragraph. */
export function readOpening(text: string): Opening {
  const plain = text.replace(ADVERBS, '');
  if (SEIZED.test(plain))
    return {
      verb: 'decides',
      invitation: false,
      noTask: 'remains seized of the matter: asks no one to act',
    };
  const again = REITERATED.exec(plain);
  if (again) {
    const verb = REITERATED_VERB[again[1]!.toLowerCase()] ?? 'requests';
    return withBody(verb, plain.slice(again[0].length));
  }
  const lower = plain.toLowerCase();
  for (const verb of ASKING) {
    if (lower.startsWith(`${verb} `)) return withBody(verb, plain.slice(verb.length + 1));
  }
  if (DECIDING.test(plain)) return { verb: 'decides', invitation: false };
  for (const [pattern, reason] of STATING) {
    const m = pattern.exec(plain);
    if (m) return { verb: m[0].toLowerCase(), invitation: false, noTask: reason };
  }
  // An opening not known here is kept as a task a person reviews: nothing is dropped.
  const verb = (/^[A-Za-z]+/.exec(plain)?.[0] ?? 'clause').toLowerCase();
  return { verb, invitation: false };
}

function withBody(verb: string, rest: string): Opening {
  const end = BODY_END.exec(rest);
  const body = (end ? rest.slice(0, end.index) : rest).replace(/^the\s+/i, '').trim();
  return {
    verb,
    ...(body !== '' ? { body } : {}),
    invitation: INVITING.has(verb),
  };
}
