/**
 * The one rule for an e-mail address, used by catalog validation, the
 * workflows' update validators and the API schemas: a dot-atom local part
 * and a domain of at least two labels (RFC 5321 without quoted local parts,
 * which no mail system of our users hands out).
 */
export const EMAIL_ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmailAddress(text: unknown): text is string {
  return typeof text === 'string' && text.length <= 254 && EMAIL_ADDRESS.test(text);
}
