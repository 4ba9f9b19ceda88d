/**
 * A sent mail as staff may see it: the message as it went out, but every
 * hand-in link in it without its signature, so that a copy read by staff
 * (the mail page, its frame, its calendar entry, the .eml, the API) can hand
 * in nothing as the focal point. The parts are rewritten in place with
 * mailsplit (the MIME structure, headers and every other byte stay as sent);
 * a calendar part is reparsed and written again by ical.js, which folds its
 * lines as it should.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ICAL from 'ical.js';
import { Joiner, Rewriter, Splitter } from '@zone-eu/mailsplit';

/** What a hand-in link's signature becomes in a staff copy; the hand-in page knows it. */
export const STAFF_COPY_SIGNATURE = 'staff-copy';

/** A hand-in link's query, up to what cannot be in a URL (quotes, spaces, markup, an iCalendar escape). */
const HAND_IN_QUERY = /\/hand-in\?[^\s"'<>\\]*/g;
const SIGNATURE = /((?:^|[?&]|&amp;)sig=)[^&\s"'<>]*/g;

/** `text` with the signature of every hand-in link in it replaced. */
export function withoutLinkSignatures(text: string): string {
  return text.replace(HAND_IN_QUERY, (query) =>
    query.replace(SIGNATURE, (_match, prefix: string) => `${prefix}${STAFF_COPY_SIGNATURE}`),
  );
}

function calendarWithoutSignatures(ics: string): string {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch {
    // Not a calendar ical.js reads: its text is treated as text.
    return withoutLinkSignatures(ics.replace(/\r?\n[ \t]/g, ''));
  }
  const visit = (component: ICAL.Component) => {
    for (const property of component.getAllProperties()) {
      const value = property.getFirstValue();
      if (typeof value === 'string' && value.includes('/hand-in?'))
        property.setValue(withoutLinkSignatures(value));
    }
    for (const child of component.getAllSubcomponents()) visit(child);
  };
  visit(root);
  return `${root.toString()}\r\n`;
}

const REWRITTEN = new Set(['text/plain', 'text/html', 'text/calendar']);

/** The staff copy of a raw message (see the module's comment). */
export async function staffCopy(raw: Buffer): Promise<Buffer> {
  const splitter = new Splitter();
  const rewriter = new Rewriter((node) => REWRITTEN.has(String(node.contentType)));
  const joiner = new Joiner();
  rewriter.on('node', ({ node, decoder, encoder }) => {
    const chunks: Buffer[] = [];
    decoder.on('data', (chunk: Buffer) => chunks.push(chunk));
    decoder.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      encoder.end(
        Buffer.from(
          node.contentType === 'text/calendar'
            ? calendarWithoutSignatures(text)
            : withoutLinkSignatures(text),
          'utf8',
        ),
      );
    });
  });
  const out: Buffer[] = [];
  await pipeline(
    Readable.from([raw]),
    splitter,
    rewriter,
    joiner,
    async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) out.push(chunk);
    },
  );
  return Buffer.concat(out);
}
