/**
 * Reply addresses: a task mail to an assignee says `Reply-To:
 * hand-in+<kid>.<signature>@replies.example.org`, where the signature is an
 * HMAC over the key id, the task's workflow id and the person, with the hand-in
 * link keys (rotated the same way). The reply names its task by the mail it
 * answers (`In-Reply-To`, `References`: our Message-IDs name the workflow), so
 * the local part stays within RFC 5321's 64 octets; the signature proves the
 * address was issued for that task and that person, so a reply cannot be
 * pointed at another task or another person.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyRing, type LinkKey, type LinkSecret } from './signed-link';

/** Hex digits of the HMAC kept: 96 bits, far beyond what a mailbox lets anyone guess. */
const SIGNATURE_HEX = 24;

function replySignature(key: LinkKey, workflowId: string, person: string): string {
  return createHmac('sha256', key.secret)
    .update(`${key.id}\nreply\n${workflowId}\n${person}`)
    .digest('hex')
    .slice(0, SIGNATURE_HEX);
}

/** The base address split where the token goes: `hand-in@d` gives `hand-in+<token>@d`. */
function parts(base: string): { local: string; domain: string } {
  const at = base.lastIndexOf('@');
  return { local: base.slice(0, at), domain: base.slice(at + 1) };
}

/** The reply address of `person` on the task, signed with the ring's first key. */
export function replyAddress(
  secret: LinkSecret,
  base: string,
  workflowId: string,
  person: string,
): string {
  const key = keyRing(secret).keys[0];
  const { local, domain } = parts(base);
  return `${local}+${key.id}.${replySignature(key, workflowId, person)}@${domain}`;
}

export interface ReplyToken {
  keyId: string;
  signature: string;
}

/**
 * The token of an address made by {@link replyAddress} on `base`, or
 * undefined for any other address (compared without case: some servers fold
 * the local part).
 */
export function replyTokenOf(base: string, address: string): ReplyToken | undefined {
  const { local, domain } = parts(base.toLowerCase());
  const given = parts(address.trim().toLowerCase());
  if (given.domain !== domain || !given.local.startsWith(`${local}+`)) return undefined;
  const match = /^([a-z0-9_-]{1,32})\.([0-9a-f]+)$/.exec(given.local.slice(local.length + 1));
  return match ? { keyId: match[1]!, signature: match[2]! } : undefined;
}

/** Whether the token was issued for `person` on `workflowId` by a key of the ring. */
export function verifyReplyToken(
  secret: LinkSecret,
  token: ReplyToken,
  workflowId: string,
  person: string,
): boolean {
  // Key ids are matched without case, as the token may have been folded.
  const key = keyRing(secret).keys.find((k) => k.id.toLowerCase() === token.keyId);
  if (!key) return false;
  const expected = Buffer.from(replySignature(key, workflowId, person));
  const given = Buffer.from(token.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
