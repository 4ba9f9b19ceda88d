/** A task occurrence for staff: its deliverables with review, the next messages, the history. */
import { describeDeadline } from '../../i18n/deadline';
import { DateTime } from 'luxon';
import { html, joinHtml, type Html } from '../../html/template';
import type { DeliverablePayload, ReceivedVia } from '../../shared/task-state';
import type { TaskView } from '../../shared/task-view';
import { describeHistoryEntry } from '../../i18n/describe-history';
import type { StaffRole } from '../auth';
import { staffDocumentPath } from '../document-paths';
import { personPath } from '../sent-mail-paths';
import { csrfField, nonceField } from './forms';
import { page } from './layout';

/** The notice after each change made from the page. */
const DONE: Record<string, string> = {
  accept: 'Accepted.',
  return: 'Returned to the focal point.',
  extend: 'Extended: the new due date is in force.',
  waive: 'Waived: the task is closed.',
  reassign: 'Reassigned.',
  hold: 'On hold: nothing is sent until it resumes.',
  resume: 'Resumed.',
  'hand-in': 'Handed in for the focal point: it awaits review.',
};

/**
 * `done` is the change just made (`accept`, `extend`, …), shown as a notice;
 * `actions` the secretariat's forms (see ./task-actions.ts), if any; `mail`
 * the section of what went out (see ./sent-mail.ts).
 */
export function taskPage(
  view: TaskView,
  csrf: string,
  role: StaffRole,
  done: string | undefined,
  actions?: Html,
  mail?: Html,
): string {
  const at = (ms: number) =>
    DateTime.fromMillis(ms, { zone: view.resolution.zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  const awaiting = view.deliverables.filter((d) => d.status === 'submitted');
  const rows = view.deliverables.map((d) => {
    const review =
      d.status === 'submitted' &&
      (role === 'secretariat' || role === 'manager') &&
      html`<form method="post" action="/tasks/${view.workflowId}/review">
        ${csrfField(csrf)}${nonceField()}<input
          type="hidden"
          name="deliverableId"
          value="${d.id}"
        />
        <label for="c-${d.id}">Comment (needed to return)</label
        ><input id="c-${d.id}" type="text" name="comment" />
        <button type="submit" name="decision" value="accept">Accept</button>
        <button class="secondary" type="submit" name="decision" value="return">Return</button>
      </form>`;
    return html`<tr>
      <td>${d.title}<br /><span class="muted">${d.id} (${d.kind})</span></td>
      <td class="status status-${d.status}">${d.status}</td>
      <td>
        ${d.latest && describePayload(d.latest)}${d.submittedFor && html`<br /><span class="muted">${describeHandedInFor(view, d)}</span>`}${d.comment && html`<br /><span class="muted">${d.comment}</span>`}
      </td>
      <td>${review}</td>
    </tr>`;
  });
  const history = [...view.history].reverse().map(
    (e) =>
      html`<tr>
        <td>${at(e.at)}</td>
        <td>${e.type}</td>
        <td class="detail">${describeHistoryEntry(e)}</td>
      </tr>`,
  );
  // Each message at the recipient's own wall time, in their zone, with their name.
  const people = [...view.assignees, ...(view.manager ? [view.manager] : [])];
  const next = view.next.map((n) => {
    const person = people.find((p) => p.email === n.to);
    const when = DateTime.fromISO(n.at, { setZone: true });
    const what =
      n.kind === 'reminder' && n.offset
        ? describeOffset(n.offset)
          ? `reminder, ${describeOffset(n.offset)} before the due date`
          : 'reminder on the due date'
        : n.kind === 'overdue'
          ? 'overdue notice'
          : n.kind;
    return html`<li>
      <time datetime="${n.at}">${when.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm')}</time>
      <span class="muted">${person?.timezone ?? when.zoneName}</span> — ${what} —
      ${person ? html`${person.name} <span class="muted">(${n.to})</span>` : n.to}
    </li>`;
  });
  return page({
    title: view.task.title,
    body: html`<h1>${view.task.title}</h1>
      ${done && DONE[done] && html`<p class="notice" role="status">${DONE[done]}</p>`}
      <p>${view.task.clause} — ${view.resolution.title}</p>
      <p>
        Status: <span class="status status-${view.status}">${view.status}</span> · Due
        ${
          describeDeadline(view.due, view.resolution.zone, view.dueAt, 'en', undefined, {
            tentative: view.tentative,
          }).stated
        }
        · Responsible ${view.task.responsible} · Assignees
        ${joinHtml(
          view.assignees.map((a) => html`<a href="${personPath(a.key)}">${a.name}</a>`),
          ', ',
        )}${view.manager && html` · Manager <a href="${personPath(view.manager.key)}">${view.manager.name}</a>`}
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
      ${actions}
      <h2>Next messages</h2>
      <ul>
        ${next.length ? next : html`<li>Nothing planned.</li>`}
      </ul>
      ${mail}
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

/** `P7D` as "7 days", `P1M` as "1 month": a reminder's lead for people. */
function describeOffset(offset: string): string {
  const parts = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(offset);
  if (!parts) return offset;
  const units = ['year', 'month', 'week', 'day'];
  const said = units
    .map((unit, i) => {
      const n = Number(parts[i + 1] ?? 0);
      return n ? `${n} ${unit}${n === 1 ? '' : 's'}` : '';
    })
    .filter(Boolean);
  return said.join(' ');
}

/** "Received by post from Zoé Martin; recorded by alice (note)". */
function describeHandedInFor(view: TaskView, d: TaskView['deliverables'][number]): string {
  const f = d.submittedFor!;
  const person = view.assignees.find((a) => a.key === f.person)?.name ?? f.person;
  return `Received ${RECEIVED_WORDS[f.via]} from ${person}; recorded by ${d.submittedBy ?? 'staff'}${f.note ? ` (${f.note})` : ''}`;
}

export const RECEIVED_WORDS: Record<ReceivedVia, string> = {
  post: 'by post',
  hand: 'by hand',
  mail: 'by mail',
  other: 'another way',
};

function describePayload(p: DeliverablePayload): Html {
  if (p.kind === 'document')
    return html`<a href="${staffDocumentPath(p.sha256)}" download>${p.name}</a> (${p.size} bytes,
      sha256 ${p.sha256.slice(0, 12)}…)`;
  if (p.kind === 'link') return html`<a href="${p.url}" rel="noopener noreferrer">${p.url}</a>`;
  return html`${p.text.length > 200 ? `${p.text.slice(0, 200)}…` : p.text}`;
}
