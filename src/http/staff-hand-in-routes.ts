/**
 * The secretariat hands in for a focal point what came by post, by hand or
 * by mail: the same update a focal point's hand-in sends, with who handed
 * it in (the staff member) and for whom and how it came. A refused hand-in
 * shows the task page again with the message on its form.
 */
import type { Context, Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { DeliverableRejectedError } from '../deliverables/store';
import { TaskActionRejectedError, taskActions } from '../client/task-actions';
import { RECEIVED_VIA, type ReceivedVia } from '../shared/task-state';
import { requireRole } from './auth';
import { checkCsrf } from './csrf';
import type { HttpDependencies } from './deps';
import { isFormProblem, payloadOfForm } from './hand-in-payload';
import { actorOf, type StaffPrincipal } from './sessions';
import { formValues } from './task-action-forms';
import { renderTaskPage } from './task-action-routes';

/** `/tasks/<id>/hand-in`: the task id holds slashes of its own. */
export const isStaffHandInPath = (path: string) =>
  path.startsWith('/tasks/') && path.endsWith('/hand-in');

export function registerStaffHandInRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  app.post('/tasks/:id{.+}/hand-in', async (c) => {
    const principal = requireRole(staff(c), ['secretariat']);
    const workflowId = c.req.param('id');
    const form = await c.req.formData();
    checkCsrf(c, form);
    const values = formValues(form);
    const view = await taskActions.status(deps.client, workflowId);
    const refuse = async (message: string, status: 400 | 409 | 413) =>
      c.html(
        await renderTaskPage(c, deps, principal, view, { action: 'hand-in', message, values }),
        status,
      );
    const deliverableId = String(form.get('deliverableId') ?? '');
    const target = view.deliverables.find((d) => d.id === deliverableId);
    if (!target)
      return refuse(`deliverable: ${JSON.stringify(deliverableId)} is not one of this task's`, 400);
    const person = String(form.get('person') ?? '');
    if (!view.assignees.some((a) => a.key === person))
      return refuse('handed in for: choose an assignee of the task', 400);
    const via = String(form.get('via') ?? '');
    if (!(RECEIVED_VIA as readonly string[]).includes(via))
      return refuse('received: choose how it came (by post, by hand, by mail or another way)', 400);
    const note = String(form.get('note') ?? '').trim();
    let payload;
    try {
      payload = await payloadOfForm(form, target.kind, deps.store);
    } catch (error) {
      if (error instanceof DeliverableRejectedError) return refuse(`file: ${error.message}`, 400);
      throw error;
    }
    if (isFormProblem(payload))
      return payload.problem === 'no-file'
        ? refuse('file: choose the file that came', 400)
        : refuse(`text: at most ${payload.max} characters`, 413);
    try {
      await taskActions.submit(
        deps.client,
        workflowId,
        {
          deliverableId,
          payload,
          by: actorOf(principal),
          for: { person, via: via as ReceivedVia, ...(note ? { note } : {}) },
        },
        { updateId: `staff-hand-in-${String(form.get('nonce') ?? randomUUID())}` },
      );
    } catch (error) {
      if (error instanceof TaskActionRejectedError) return refuse(error.message, 409);
      throw error;
    }
    return c.redirect(`/tasks/${workflowId}?done=hand-in`, 303);
  });
}
