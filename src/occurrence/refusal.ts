/**
 * Why a requested change is refused, typed so every caller answers alike: the
 * workflow turns it into a typed update failure, the API into 400 or 409.
 */
export type RefusalKind = 'invalid' | 'conflict';

export class Refusal extends Error {
  constructor(
    /** `invalid`: wrong whatever the task's state (400); `conflict`: wrong for the task as it stands (409). */
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const invalid = (message: string): Refusal => new Refusal('invalid', message);
export const conflict = (message: string): Refusal => new Refusal('conflict', message);
