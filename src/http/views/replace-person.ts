/**
 * Naming a successor for a person who left or whose mail bounces: the form,
 * the dry run's list of what moves, then the outcome per task.
 */
import { html, type Html } from '../../html/template';
import type { ReplacementSummary } from '../../client/replace-person';
import type { UnreachableListing } from '../../client/unreachable';
import { csrfField } from './forms';
import { page } from './layout';

export interface ReplaceFormModel {
  key: string;
  /** Known people keys and names the successor can be chosen from. */
  people: { key: string; name: string }[];
  successor: string;
  reason: string;
  /** When the person is unreachable: the last diagnostic. */
  unreachable?: UnreachableListing;
  preview?: ReplacementSummary;
  error?: string;
  csrf: string;
}

function steps(summary: ReplacementSummary): Html {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">As</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        ${summary.steps.map(
          (s) =>
            html`<tr>
              <td>
                ${
                  s.kind === 'occurrence'
                    ? html`<a href="/tasks/${s.workflowId}">${s.workflowId}</a>`
                    : html`${s.workflowId}
                        <span class="muted">(recurring: later occurrences)</span>`
                }
              </td>
              <td>${s.roles.join(', ')}</td>
              <td class="${s.outcome === 'failed' ? 'status status-overdue' : ''}">
                ${s.outcome}${s.error && `: ${s.error}`}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function replacePersonPage(m: ReplaceFormModel): string {
  const title = `Name a successor for ${m.key}`;
  const preview =
    m.preview &&
    (m.preview.steps.length === 0
      ? html`<p class="notice" role="status">${m.key} is on no open task.</p>`
      : html`<h2 id="preview">
            Preview: ${m.preview.occurrences} open tasks, ${m.preview.recurrences} recurring
          </h2>
          ${steps(m.preview)}
          <form method="post" action="/people/${m.key}/replace">
            ${csrfField(m.csrf)}<input
              type="hidden"
              name="successor"
              value="${m.successor}"
            /><input type="hidden" name="reason" value="${m.reason}" />
            <button type="submit">Confirm: give these to ${m.successor}</button>
          </form>`);
  return page({
    title,
    body: html`<h1>${title}</h1>
      ${
        m.unreachable &&
        html`<p class="error" role="alert">
          Mail to ${m.unreachable.email} bounces:
          ${m.unreachable.status && `${m.unreachable.status} `}${m.unreachable.diagnostic}
        </p>`
      }
      <p>
        Every open task of ${m.key} goes to the successor (each through a reassignment, recorded in
        its history), and recurring tasks name the successor from their next occurrence on. ${m.key}
        is sent nothing more.
      </p>
      <form method="get" action="/people/${m.key}/replace">
        <label for="successor">Successor</label>
        <select id="successor" name="successor" required>
          <option value="">choose a person</option>
          ${m.people
            .filter((p) => p.key !== m.key)
            .map(
              (p) =>
                html`<option value="${p.key}" ${p.key === m.successor ? 'selected' : ''}>
                  ${p.name} (${p.key})
                </option>`,
            )}
        </select>
        <label for="reason">Reason</label
        ><input id="reason" name="reason" type="text" value="${m.reason}" />
        ${m.error && html`<p class="error" role="alert">${m.error}</p>`}
        <button type="submit">Preview</button>
      </form>
      ${preview}`,
  });
}

export function replacementResultPage(summary: ReplacementSummary): string {
  return page({
    title: 'Successor named',
    body: html`<h1>${summary.successor} succeeds ${summary.old}</h1>
      <p class="notice" role="status">
        ${summary.occurrences} open tasks and ${summary.recurrences} recurring tasks
        reassigned${summary.failed > 0 && `; ${summary.failed} refused (see why below)`}.
      </p>
      ${steps(summary)}`,
  });
}

/** The overview's banner for the secretariat: who needs a successor. */
export function unreachableBanner(people: UnreachableListing[]): Html {
  return html`<section class="error" role="alert" aria-labelledby="unreachable">
    <h2 id="unreachable">Mail bounces: name a successor</h2>
    <ul>
      ${people.map(
        (p) =>
          html`<li>
            ${p.key} &lt;${p.email}&gt; on ${p.tasks.length} open
            task${p.tasks.length === 1 ? '' : 's'}: ${p.status && `${p.status} `}${p.diagnostic} ·
            <a href="/people/${p.key}/replace">Name a successor</a>
          </li>`,
      )}
    </ul>
  </section>`;
}
