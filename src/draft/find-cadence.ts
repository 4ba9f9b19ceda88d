/**
 * The rhythm a clause names as a recurrence: "annually" is every year,
 * "biennially" and "every two years" every two, "twice a year" and "every six
 * months" every six months. The words found go into the draft's comment.
 */

/** A recurrence period (ISO 8601 duration) and the words of the text that give it. */
export interface Cadence {
  every: string;
  words: string;
}

const CADENCES: { every: string; pattern: RegExp }[] = [
  {
    every: 'P6M',
    pattern:
      /\b(?:twice (?:a|per|each) year|twice yearly|every six months|semi-?annual(?:ly)?|biannual(?:ly)?)\b/i,
  },
  { every: 'P3M', pattern: /\b(?:quarterly|every three months)\b/i },
  {
    every: 'P2Y',
    pattern: /\b(?:biennial(?:ly)?|every two years|every second year|every other year)\b/i,
  },
  { every: 'P3Y', pattern: /\b(?:triennial(?:ly)?|every three years)\b/i },
  { every: 'P4Y', pattern: /\b(?:quadrennial(?:ly)?|every four years)\b/i },
  {
    every: 'P1Y',
    pattern: /\b(?:annual(?:ly)?|yearly|each year|every year|per year|on a yearly basis)\b/i,
  },
];

/** "the biennial budget", "the annual financial plan": the rhythm of a budget, not of the duty. */
const NOT_THE_DUTY = /^\s+(?:budgets?|financial|programme budget|plans?|accounts)\b/i;

/** The first cadence the text names, the more specific words first ("semi-annually" before "annually"). */
export function findCadence(text: string): Cadence | undefined {
  for (const { every, pattern } of CADENCES) {
    const global = new RegExp(pattern.source, 'gi');
    for (const m of text.matchAll(global)) {
      if (!NOT_THE_DUTY.test(text.slice(m.index + m[0].length))) return { every, words: m[0] };
    }
  }
  return undefined;
}
