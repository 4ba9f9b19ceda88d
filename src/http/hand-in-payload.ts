/**
 * What a hand-in form carries, read into the payload its deliverable takes:
 * a document (stored first, so the update names stored bytes), a link or a
 * text. The focal point's page and the staff's hand-in for someone read the
 * same fields the same way.
 */
import type { DeliverableStore } from '../deliverables/store';
import { MAX_TEXT_CHARS, type DeliverablePayload } from '../shared/task-state';
import type { DeliverableKind } from '../shared/types';

/** A form that carries nothing the deliverable can take: which field, and why. */
export type FormProblem = { problem: 'no-file' } | { problem: 'text-too-long'; max: number };

export async function payloadOfForm(
  form: FormData,
  kind: DeliverableKind,
  store: DeliverableStore,
): Promise<DeliverablePayload | FormProblem> {
  if (kind === 'document') {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return { problem: 'no-file' };
    return store.put(Buffer.from(await file.arrayBuffer()), file.name || 'document', file.type);
  }
  if (kind === 'link') return { kind: 'link', url: String(form.get('url') ?? '').trim() };
  const text = String(form.get('text') ?? '');
  // Refused before the update: a longer text would not fit the workflow's update.
  if (text.length > MAX_TEXT_CHARS) return { problem: 'text-too-long', max: MAX_TEXT_CHARS };
  return { kind: 'text', text };
}

export const isFormProblem = (x: DeliverablePayload | FormProblem): x is FormProblem =>
  'problem' in x;
