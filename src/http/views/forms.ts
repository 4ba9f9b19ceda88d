/** Hidden fields every form of the pages repeats. */
import { randomUUID } from 'node:crypto';
import { html, type Html } from '../../html/template';

/** The double-submit CSRF token (see ../csrf.ts). */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="csrf" value="${token}" />`;
}

/** A fresh update id: a form posted twice has one effect. */
export function nonceField(): Html {
  return html`<input type="hidden" name="nonce" value="${randomUUID()}" />`;
}
