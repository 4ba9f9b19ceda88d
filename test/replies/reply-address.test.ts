/**
 * Reply addresses name a task and a person by signature only, fit in 64
 * octets, survive a server that folds case, and rotate with the link keys;
 * files are matched to deliverables by title before order.
 */
import { describe, expect, it } from 'vitest';
import { replyAddress, replyTokenOf, verifyReplyToken } from '../../src/links/reply-address';
import { matchFiles } from '../../src/replies/match-files';
import { newText } from '../../src/replies/parse-reply';

const BASE = 'hand-in@replies.example.org';
const RING = {
  keys: [
    { id: 'K2', secret: 'second-secret-0123456789' },
    { id: 'k1', secret: 'first-secret-0123456789' },
  ] as [{ id: string; secret: string }, { id: string; secret: string }],
};
const TASK = 'itu-council-res-1332/annual-report-to-cstd-and-ecosoc/2027-03-01';

describe('reply addresses', () => {
  it('are signed for one task and one person and stay within 64 octets', () => {
    const address = replyAddress(RING, BASE, TASK, 'focal-ar');
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    const token = replyTokenOf(BASE, address)!;
    expect(verifyReplyToken(RING, token, TASK, 'focal-ar')).toBe(true);
    expect(verifyReplyToken(RING, token, TASK, 'focal-fr')).toBe(false);
    expect(verifyReplyToken(RING, token, `${TASK}x`, 'focal-ar')).toBe(false);
  });

  it('are read back without case, and only on the configured address', () => {
    const address = replyAddress(RING, BASE, TASK, 'focal-ar');
    const folded = replyTokenOf(BASE, address.toUpperCase())!;
    expect(verifyReplyToken(RING, folded, TASK, 'focal-ar')).toBe(true);
    expect(
      replyTokenOf(BASE, address.replace('replies.example.org', 'example.org')),
    ).toBeUndefined();
    expect(replyTokenOf(BASE, BASE)).toBeUndefined();
    expect(replyTokenOf(BASE, 'hand-in+nonsense@replies.example.org')).toBeUndefined();
  });

  it('keep working under an older key of the ring, and stop when it is dropped', () => {
    const old = replyAddress({ keys: [RING.keys[1]] }, BASE, TASK, 'focal-ar');
    const token = replyTokenOf(BASE, old)!;
    expect(verifyReplyToken(RING, token, TASK, 'focal-ar')).toBe(true);
    expect(verifyReplyToken({ keys: [RING.keys[0]] }, token, TASK, 'focal-ar')).toBe(false);
  });
});

describe('matching files to deliverables', () => {
  const open = [
    { id: 'report', title: 'National report' },
    { id: 'annex', title: 'Statistics annex' },
  ];
  it('goes by the title first, then in order', () => {
    const { pairs, left } = matchFiles(
      [{ name: 'Annex_statistics_2027.docx' }, { name: 'scan0001.pdf' }, { name: 'extra.pdf' }],
      open,
    );
    expect(pairs.map((p) => [p.file.name, p.deliverable.id])).toEqual([
      ['Annex_statistics_2027.docx', 'annex'],
      ['scan0001.pdf', 'report'],
    ]);
    expect(left.map((f) => f.name)).toEqual(['extra.pdf']);
  });
  it('matches titles without accents or case', () => {
    const { pairs } = matchFiles(
      [{ name: 'RAPPORT-NATIONAL.pdf' }],
      [
        { id: 'a', title: 'Annexe' },
        { id: 'b', title: 'Rapport national' },
      ],
    );
    expect(pairs.map((p) => p.deliverable.id)).toEqual(['b']);
  });
});

describe('the new text of a reply', () => {
  it('stops at the quote, in the languages clients write it', () => {
    expect(newText('https://example.org/report\n\nOn Monday, X wrote:\n> old')).toBe(
      'https://example.org/report',
    );
    expect(newText('Voici le lien.\nLe lundi 7 déc., X a écrit :\n> ancien')).toBe(
      'Voici le lien.',
    );
    expect(newText('Here.\n\n-----Original Message-----\nFrom: X')).toBe('Here.');
    expect(newText('Here.\n\nFrom: X <x@example.org>\nSent: Monday')).toBe('Here.');
  });
});
