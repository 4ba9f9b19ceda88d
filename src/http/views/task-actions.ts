/**
 * The secretariat's forms on a task page (extend, waive, reassign), the
 * confirmation step before a change, and a refused change shown on its form.
 */
import { html, type Html } from '../../html/template';
import type { Person } from '../../shared/types';
import { RECEIVED_VIA } from '../../shared/task-state';
import { RECEIVED_WORDS } from './task-page';
import type { TaskView } from '../../shared/task-view';
import type { FormValues, TaskActionName } from '../task-action-forms';
import { csrfField, nonceField } from './forms';
import { page } from './layout';

/** A form to show again with what was typed and why it was refused. */
export interface RefusedAction {
  action: TaskActionName | 'hand-in';
  message: string;
  values: FormValues;
}

const value = (values: FormValues | undefined, key: string, fallback = ''): string => {
  const v = values?.[key];
  return Array.isArray(v) ? (v[0] ?? fallback) : (v ?? fallback);
};

function refusal(
  refused: RefusedAction | undefined,
  action: RefusedAction['action'],
): Html | false {
  return (
    refused?.action === action &&
    html`<p class="error" role="alert" id="${action}-error">${refused.message}</p>`
  );
}

/** The action forms of an open task, for the secretariat. `people`: the catalog's, for reassigning. */
export function actionForms(
  view: TaskView,
  csrf: string,
  people: Person[] | undefined,
  refused: RefusedAction | undefined,
): Html {
  if (view.closed) return html``;
  const own = (a: TaskActionName) => (refused?.action === a ? refused.values : undefined);
  const described = (a: TaskActionName) => refused?.action === a && `${a}-error`;
  const action = (a: TaskActionName) => `/tasks/${view.workflowId}/actions/${a}`;
  const current = new Set(view.assignees.map((p) => p.key));
  const chosen = own('reassign')?.assignee;
  const isChosen = (key: string) =>
    chosen ? (Array.isArray(chosen) ? chosen.includes(key) : chosen === key) : current.has(key);
  const reassign = people
    ? html`<fieldset>
          <legend>Assignees</legend>
          ${people.map(
            (p) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  name="assignee"
                  value="${p.key}"
                  ${isChosen(p.key) && html`checked`}
                />
                ${p.name} <span class="muted">(${p.email})</span></label
              >`,
          )}
        </fieldset>
        <label for="reassign-manager">Manager</label>
        <select id="reassign-manager" name="manager">
          <option value="" ${!own('reassign')?.manager && html`selected`}>
            Keep ${view.manager ? `${view.manager.name}` : 'none'}
          </option>
          ${view.manager && html`<option value="-" ${own('reassign')?.manager === '-' && html`selected`}>No manager</option>`}
          ${people.map(
            (p) =>
              html`<option value="${p.key}" ${own('reassign')?.manager === p.key && html`selected`}>
                ${p.name} (${p.email})
              </option>`,
          )}
        </select>`
    : html`<p class="muted">
        The catalog of this task is not loaded here: its people are not known.
      </p>`;
  /** The one form of a change that takes only a reason (hold, resume, waive). */
  const reasonForm = (f: {
    name: TaskActionName;
    legend: string;
    required?: boolean;
    secondary?: boolean;
    note?: string;
  }) =>
    html`<form method="post" action="${action(f.name)}">
      <fieldset>
        <legend>${f.legend}</legend>
        ${refusal(refused, f.name)}${csrfField(csrf)} ${f.note && html`<p>${f.note}</p>`}
        <label for="${f.name}-reason">${f.required ? 'Reason' : 'Reason (optional)'}</label>
        <input
          id="${f.name}-reason"
          name="reason"
          type="text"
          ${f.required && 'required'}
          value="${value(own(f.name), 'reason')}"
        />
        <button ${f.secondary && html`class="secondary"`} type="submit">${f.legend}…</button>
      </fieldset>
    </form>`;
  return html`<h2 id="actions">Change the task</h2>
    <form method="post" action="${action('extend')}">
      <fieldset>
        <legend>Extend</legend>
        ${refusal(refused, 'extend')}${csrfField(csrf)}
        <label for="extend-date">New due date</label>
        <input
          id="extend-date"
          name="dueDate"
          type="date"
          required
          value="${value(own('extend'), 'dueDate', view.due.date)}"
          ${described('extend') && html`aria-describedby="extend-error"`}
        />
        <label for="extend-time">Due time (empty: keep ${view.due.time ?? 'end of day'})</label>
        <input
          id="extend-time"
          name="dueTime"
          type="time"
          value="${value(own('extend'), 'dueTime')}"
        />
        <label for="extend-reason">Reason</label>
        <input
          id="extend-reason"
          name="reason"
          type="text"
          required
          value="${value(own('extend'), 'reason')}"
        />
        <button type="submit">Extend…</button>
      </fieldset>
    </form>
    <form method="post" action="${action('reassign')}">
      <fieldset>
        <legend>Reassign</legend>
        ${refusal(refused, 'reassign')}${csrfField(csrf)} ${reassign}
        <label for="reassign-reason">Reason (optional)</label>
        <input
          id="reassign-reason"
          name="reason"
          type="text"
          value="${value(own('reassign'), 'reason')}"
        />
        <button type="submit" ${!people && html` disabled`}>Reassign…</button>
      </fieldset>
    </form>
    ${
      view.hold
        ? reasonForm({
            name: 'resume',
            legend: 'Resume',
            note: `On hold since ${new Date(view.hold.since).toISOString().slice(0, 10)} (${view.hold.by}: ${view.hold.reason}).`,
          })
        : reasonForm({ name: 'hold', legend: 'Hold', required: true, secondary: true })
    }
    ${reasonForm({ name: 'waive', legend: 'Waive', required: true, secondary: true })}
    ${handInForms(view, csrf, refused)}`;
}

/**
 * One form per deliverable not yet accepted: the secretariat hands in for an
 * assignee what came by post, by hand or by mail.
 */
function handInForms(view: TaskView, csrf: string, refused: RefusedAction | undefined): Html {
  const open = view.deliverables.filter((d) => d.status !== 'accepted');
  if (open.length === 0 || view.assignees.length === 0) return html``;
  const typed = refused?.action === 'hand-in' ? refused.values : undefined;
  const own = (id: string) => (value(typed, 'deliverableId') === id ? typed : undefined);
  const forms = open.map((d) => {
    const id = (field: string) => `hand-in-${d.id}-${field}`;
    const values = own(d.id);
    const input =
      d.kind === 'document'
        ? html`<label for="${id('file')}">File</label
            ><input id="${id('file')}" name="file" type="file" required />`
        : d.kind === 'link'
          ? html`<label for="${id('url')}">Link</label
              ><input
                id="${id('url')}"
                name="url"
                type="url"
                required
                value="${value(values, 'url')}"
              />`
          : html`<label for="${id('text')}">Text</label
              ><textarea id="${id('text')}" name="text" rows="4" required>
${value(values, 'text')}</textarea>`;
    return html`<form
      method="post"
      action="/tasks/${view.workflowId}/hand-in"
      enctype="multipart/form-data"
    >
      <fieldset>
        <legend>${d.title} <span class="muted">(${d.id}, ${d.kind})</span></legend>
        ${values && refusal(refused, 'hand-in')}${csrfField(csrf)}${nonceField()}
        <input type="hidden" name="deliverableId" value="${d.id}" />
        <label for="${id('person')}">Handed in for</label>
        <select id="${id('person')}" name="person" required>
          ${view.assignees.map(
            (a) =>
              html`<option value="${a.key}" ${value(values, 'person') === a.key && html`selected`}>
                ${a.name} (${a.email})
              </option>`,
          )}
        </select>
        <label for="${id('via')}">Received</label>
        <select id="${id('via')}" name="via" required>
          ${RECEIVED_VIA.map(
            (via) =>
              html`<option value="${via}" ${value(values, 'via') === via && html`selected`}>
                ${RECEIVED_WORDS[via]}
              </option>`,
          )}
        </select>
        ${input}
        <label for="${id('note')}">Note (optional: a letter's date, who brought it)</label>
        <input id="${id('note')}" name="note" type="text" value="${value(values, 'note')}" />
        <button type="submit">Hand in for them</button>
      </fieldset>
    </form>`;
  });
  return html`<h3 id="hand-in">Hand in for a focal point</h3>
    <p class="muted">
      A deliverable that came by post, by hand or by mail: it is recorded as handed in for the
      person, by you, and awaits review as theirs would.
    </p>
    ${forms}`;
}

/** Hidden copies of a form's fields, so that the confirmation posts exactly what was checked. */
export function hiddenFields(values: FormValues): Html[] {
  return Object.entries(values).flatMap(([key, v]) =>
    (Array.isArray(v) ? v : [v]).map(
      (one) => html`<input type="hidden" name="${key}" value="${one}" />`,
    ),
  );
}

/** The confirmation step of one change: what it will do, Confirm or go back. */
export function confirmActionPage(
  view: TaskView,
  action: TaskActionName,
  lines: string[],
  values: FormValues,
  csrf: string,
): string {
  const verb = {
    extend: 'Extend',
    waive: 'Waive',
    reassign: 'Reassign',
    hold: 'Hold',
    resume: 'Resume',
  }[action];
  return page({
    title: `${verb}: ${view.task.title}`,
    body: html`<h1>${verb} “${view.task.title}”?</h1>
      <p>${view.task.clause} — ${view.resolution.title} (${view.occurrence})</p>
      <ul>
        ${lines.map((l) => html`<li>${l}</li>`)}
      </ul>
      <form method="post" action="/tasks/${view.workflowId}/actions/${action}">
        ${csrfField(csrf)}${nonceField()}${hiddenFields(values)}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit">Confirm: ${verb.toLowerCase()}</button>
        <a href="/tasks/${view.workflowId}#actions">Cancel</a>
      </form>`,
  });
}
