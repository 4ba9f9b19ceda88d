/** A task occurrence for staff: its deliverables with review, the next messages, the history. */
import { DateTime } from 'luxon';
import { html, type Html } from '../../html/template';
import type { DeliverablePayload } from '../../shared/task-state';
import type { TaskStatusView } from '../../shared/workflow-api';
import type { StaffRole } from '../auth';
import { csrfField, nonceField } from './forms';
import { page } from './layout';

/** `done` is the review just made (`accept` or `return`), shown as a notice. */
export function taskPage(
  view: TaskStatusView,
  csrf: string,
  role: StaffRole,
  done: string | undefined,
): string {
  const { state } = view;
  const at = (ms: number) =>
    DateTime.fromMillis(ms, { zone: state.schedule.zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  const awaiting = state.deliverables.filter((d) => d.status === 'submitted');
  const rows = state.deliverables.map((d) => {
    const review =
      d.status === 'submitted' &&
      (role === 'secretariat' || role === 'manager') &&
      html`<form method="post" action="/tasks/${view.workflowId}/review">
        ${csrfField(csrf)}${nonceField()}<input
          type="hidden"
          name="deliverableId"
          value="${d.deliverable.id}"
        />
        <label for="c-${d.deliverable.id}">Comment (needed to return)</label
        ><input id="c-${d.deliverable.id}" type="text" name="comment" />
        <button type="submit" name="decision" value="accept">Accept</button>
        <button class="secondary" type="submit" name="decision" value="return">Return</button>
      </form>`;
    return html`<tr>
      <td>
        ${d.deliverable.title}<br /><span class="muted"
          >${d.deliverable.id} (${d.deliverable.kind})</span
        >
      </td>
      <td class="status status-${d.status}">${d.status}</td>
      <td>
        ${d.latest && describePayload(d.latest)}${d.comment && html`<br /><span class="muted">${d.comment}</span>`}
      </td>
      <td>${review}</td>
    </tr>`;
  });
  const history = [...state.history].reverse().map(
    (e) =>
      html`<tr>
        <td>${at(e.at)}</td>
        <td>${e.type}</td>
        <td>${describeHistory(e)}</td>
      </tr>`,
  );
  const next = view.next.map(
    (n) => html`<li>${n.at}: ${n.kind}${n.offset && ` ${n.offset}`} to ${n.to}</li>`,
  );
  return page({
    title: state.info.title,
    body: html`<h1>${state.info.title}</h1>
      ${done && html`<p class="notice" role="status">${done === 'return' ? 'Returned to the focal point.' : 'Accepted.'}</p>`}
      <p>${state.info.clause} — ${state.info.resolutionTitle}</p>
      <p>
        Status: <span class="status status-${view.status}">${view.status}</span> · Due
        ${at(view.dueAt)} · Responsible ${state.info.responsible} · Assignees
        ${state.schedule.assignees.map((a) => a.name).join(', ')}
      </p>
      <h2>Deliverables${awaiting.length > 0 && ` (${awaiting.length} awaiting review)`}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Deliverable</th>
              <th scope="col">Status</th>
              <th scope="col">Handed in</th>
              <th scope="col">Review</th>
            </tr>
          </thead>
          <tbody>
            ${
              rows.length
                ? rows
                : html`<tr>
                    <td colspan="4">None</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
      <h2>Next messages</h2>
      <ul>
        ${next.length ? next : html`<li>Nothing planned.</li>`}
      </ul>
      <h2>History</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            ${history}
          </tbody>
        </table>
      </div>`,
  });
}

function describePayload(p: DeliverablePayload): Html {
  if (p.kind === 'document')
    return html`${p.name} (${p.size} bytes, sha256 ${p.sha256.slice(0, 12)}…)`;
  if (p.kind === 'link') return html`<a href="${p.url}" rel="noopener noreferrer">${p.url}</a>`;
  return html`${p.text.length > 200 ? `${p.text.slice(0, 200)}…` : p.text}`;
}

/** One line of history as text; the template escapes it. */
function describeHistory(e: TaskStatusView['state']['history'][number]): string {
  switch (e.type) {
    case 'message':
      return `${e.message.kind}${e.message.offset ? ` ${e.message.offset}` : ''} to ${e.message.to}: ${e.message.delivered ? 'sent' : `failed (${e.message.error})`}`;
    case 'submitted':
      return `${e.deliverableId} by ${e.by}${e.late ? ' (late)' : ''}`;
    case 'reviewed':
      return `${e.deliverableId} ${e.decision === 'accept' ? 'accepted' : 'returned'} by ${e.by}${e.comment ? `: ${e.comment}` : ''}`;
    case 'extended':
      return `by ${e.by} from ${e.from} to ${e.to}: ${e.reason}`;
    case 'reassigned':
      return `by ${e.by} to ${e.assignees.join(', ')}`;
    case 'revised':
      return `by ${e.by}: ${e.changes.join('; ')}`;
    case 'waived':
      return `by ${e.by}: ${e.reason}`;
    case 'completed':
      return e.by;
    case 'started':
      return `due ${e.dueDate}${e.dueTime ? ` ${e.dueTime}` : ''}`;
  }
}
