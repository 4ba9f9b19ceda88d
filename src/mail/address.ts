/** Mailboxes kept as name and address, never re-parsed from text. */

/** A mailbox as its parts, so that a name with quotes, brackets or commas cannot change the address. */
export interface MailAddress {
  name: string;
  address: string;
}

/** A configured `Name <address>` (or a bare address) as its parts. */
export function mailAddress(text: string): MailAddress {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(text);
  return match ? { name: match[1] ?? '', address: match[2] ?? '' } : { name: '', address: text };
}

/** How a mailbox reads in the text of a mail. */
export function addressText(mailbox: MailAddress): string {
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}
