/** Mailboxes kept as name and address, never re-parsed from text. */
import addressparser from 'nodemailer/lib/addressparser';

/** A mailbox as its parts, so that a name with quotes, brackets or commas cannot change the address. */
export interface MailAddress {
  name: string;
  address: string;
}

/**
 * A configured `Name <address>` (or a bare address) as its parts, read by
 * nodemailer's address parser: a quoted name (`"Secretariat, ITU" <…>`) loses
 * its quotes and keeps its commas.
 */
export function mailAddress(text: string): MailAddress {
  const [first] = addressparser(text.trim(), { flatten: true });
  return first?.address
    ? { name: first.name, address: first.address }
    : { name: '', address: text.trim() };
}

/** How a mailbox reads in the text of a mail. */
export function addressText(mailbox: MailAddress): string {
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}
