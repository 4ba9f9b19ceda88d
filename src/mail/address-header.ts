/**
 * A mailbox as an address header writes it, with a display name every reader
 * shows as written. nodemailer cuts a long non-ASCII name into encoded-words
 * of 52 characters wherever the count falls, inside a word; readers that keep
 * the folding space between encoded-words (Python's `email`, and so the
 * tools built on it) then show "Jos é" or "Ив анова". Splitting at spaces
 * does not help both kinds of reader: an RFC 2047 reader drops the space
 * between two encoded-words, Python keeps it. So a non-ASCII name is one
 * encoded-word, even past RFC 2047's 75 characters, which every reader we
 * test (Python, mailparser) and the common clients decode; the header line
 * stays far below the 998 octets of RFC 5322.
 */
import { encodeWord, quoteString } from 'nodemailer/lib/mime-funcs';

/** A display name as an address header carries it: as it is, quoted, or one encoded-word. */
export function encodeDisplayName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return quoteString(name);
  // Q reads better for mostly Latin names, B is shorter for other scripts.
  const latin = [...name].filter((c) => c <= '\x7e').length * 2 >= [...name].length;
  return encodeWord(name, latin ? 'Q' : 'B', 0);
}

/**
 * The composed message, its address headers writing names whole. nodemailer
 * has no option for it; its node's own name encoder (the one it uses for
 * From, To, Reply-To) is replaced on this message alone. The tests read the
 * headers back with Python's parser and mailparser, so a nodemailer that
 * stops calling it is caught.
 */
export function withWholeNames<T extends object>(node: T): T {
  (node as unknown as { _encodeAddressName: (name: string) => string })._encodeAddressName =
    encodeDisplayName;
  return node;
}
