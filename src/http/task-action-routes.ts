/**
 * The task page's change routes for the secretariat: a posted form is read,
 * shown back for confirmation, then sent as the same validated update the
 * CLI and API send. A refused change (the form's or the workflow
 * validator's) shows the task page again with the message on that form.
 */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import { TaskActionRejectedError, taskActions } from '../client/task-actions';
import type { TaskView } from '../shared/task-view';
import { requireRole } from './auth';
import { checkCsrf, csrfToken } from './csrf';
import type { HttpDependencies } from './deps';
import { actorOf, type StaffPrincipal } from './sessions';
import {
  ActionFormError,
  TASK_ACTIONS,
  describeAction,
  formValues,
  readActionForm,
  type ActionRequest,
  type TaskActionName,
} from './task-action-forms';
import { actionForms, confirmActionPage, type RefusedAction } from './views/task-actions';
import { mailSection } from './views/sent-mail';
import { repliesSection } from './views/replies';
import { html } from '../html/template';
import { taskPage } from './views/task-page';

/** The task page, with the secretariat's forms (and a refused one, if any). */
export async function renderTaskPage(
  c: Context,
  deps: HttpDependencies,
  principal: StaffPrincipal,
  view: TaskView,
  refused?: RefusedAction,
): Promise<string> {
  const token = csrfToken(c, deps.secureCookies);
  const catalog = deps.catalogs.get(view.resolution.id);
  const forms =
    principal.role === 'secretariat'
      ? actionForms(view, token, catalog && Object.values(catalog.people), refused)
      : undefined;
  const replies = repliesSection(
    (await deps.receivedMail?.forTask(view.workflowId)) ?? [],
    view.resolution.zone,
  );
  return taskPage(
    view,
    token,
    principal.role,
    c.req.query('done'),
    forms,
    html`${mailSection(view)}${replies}`,
  );
}

/** Sends one change; answers the task after it. */
export function runAction(
  deps: HttpDependencies,
  workflowId: string,
  a: ActionRequest,
  by: string,
  updateId: string,
): Promise<TaskView> {
  const options = { updateId };
  if (a.action === 'extend')
    return taskActions.extend(deps.client, workflowId, { ...a.request, by }, options);
  if (a.action === 'waive')
    return taskActions.waive(deps.client, workflowId, { ...a.request, by }, options);
  if (a.action === 'hold')
    return taskActions.hold(deps.client, workflowId, { ...a.request, by }, options);
  if (a.action === 'resume')
    return taskActions.resume(deps.client, workflowId, { ...a.request, by }, options);
  return taskActions.reassign(deps.client, workflowId, { ...a.request, by }, options);
}

export function registerTaskActionRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  app.post('/tasks/:id{.+}/actions/:action', async (c) => {
    const principal = requireRole(staff(c), ['secretariat']);
    const name = c.req.param('action');
    if (!(TASK_ACTIONS as readonly string[]).includes(name))
      throw new HTTPException(404, { message: `no task action ${name}` });
    const action = name as TaskActionName;
    const workflowId = c.req.param('id');
    const form = await c.req.formData();
    checkCsrf(c, form);
    const values = formValues(form);
    const confirmed = values.confirm === 'yes';
    delete values.confirm;
    const view = await taskActions.status(deps.client, workflowId);
    const refuse = async (message: string, status: 400 | 409) =>
      c.html(await renderTaskPage(c, deps, principal, view, { action, message, values }), status);
    let request: ActionRequest;
    try {
      request = readActionForm(action, values, deps.catalogs.get(view.resolution.id));
    } catch (error) {
      if (error instanceof ActionFormError) return refuse(error.message, 400);
      throw error;
    }
    if (!confirmed)
      return c.html(
        confirmActionPage(
          view,
          action,
          describeAction(view, request),
          values,
          csrfToken(c, deps.secureCookies),
        ),
      );
    try {
      await runAction(
        deps,
        workflowId,
        request,
        actorOf(principal),
        `web-${action}-${String(form.get('nonce') ?? randomUUID())}`,
      );
    } catch (error) {
      if (error instanceof TaskActionRejectedError) return refuse(error.message, 409);
      throw error;
    }
    await taskActions.noticesSent(deps.client, workflowId);
    return c.redirect(`/tasks/${workflowId}?done=${action}`, 303);
  });
}
