/**
 * The registry page, for staff: the reporting burden per body and month (a
 * table and its chart), the merge candidates with both clauses side by side,
 * and the mandates with no end; downloads in CSV, Excel and JSON.
 */
import { html, rendererMarkup } from '../../html/template';
import type { Registry } from '../../registry/registry';
import { page } from './layout';

export function registryPage(r: Registry, chart: string): string {
  const query = `from=${r.from}&to=${r.to}`;
  return page({
    title: 'Registry',
    body: html`<h1>Registry</h1>
      <p>
        ${r.resolutions.length} resolutions (${r.resolutions.map((x) => x.id).join(', ')}), from
        ${r.from} to ${r.to}. Download:
        <a href="/registry?${query}&format=xlsx">Excel</a> ·
        <a href="/registry?${query}&format=csv">CSV (burden)</a> ·
        <a href="/registry?${query}&format=json">JSON</a>
      </p>
      <form method="get" action="/registry" class="inline">
        <label for="from">From</label> <input id="from" name="from" type="date" value="${r.from}" />
        <label for="to">To</label> <input id="to" name="to" type="date" value="${r.to}" />
        <button type="submit">Show</button>
      </form>
      <section aria-labelledby="burden">
        <h2 id="burden">Reporting burden</h2>
        <p class="muted">
          Occurrences due per body and month; in brackets, those that only invite.
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Body</th>
                ${r.months.map((m) => html`<th scope="col">${m}</th>`)}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              ${r.burden.map(
                (b) =>
                  html`<tr>
                    <th scope="row">${b.body}</th>
                    ${r.months.map((m) => html`<td>${b.months[m] || ''}</td>`)}
                    <td>${b.total}${b.invitations > 0 ? ` (${b.invitations})` : ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <figure>
          ${rendererMarkup(chart)}
          <figcaption>Reporting burden by month, stacked by body</figcaption>
        </figure>
      </section>
      <section aria-labelledby="overlaps">
        <h2 id="overlaps">Merge candidates (${r.overlaps.length})</h2>
        <p class="muted">
          The same body asked twice: for the same recipient at about the same time, or in mostly the
          same words.
        </p>
        ${r.overlaps.map(
          (o, i) =>
            html`<article class="overlap" aria-labelledby="overlap-${i}">
              <h3 id="overlap-${i}">${o.body}: ${o.reasons.join('; ')}</h3>
              <div class="side-by-side">
                ${[o.a, o.b].map(
                  (s) =>
                    html`<div>
                      <p>
                        <strong>${s.resolution}</strong>, ${s.clause} (<code>${s.taskId}</code>)
                      </p>
                      <p>${s.text}</p>
                    </div>`,
                )}
              </div>
            </article>`,
        )}
      </section>
      <section aria-labelledby="endless">
        <h2 id="endless">Mandates with no end (${r.endless.length})</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Resolution</th>
                <th scope="col">Clause</th>
                <th scope="col">Task</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              ${r.endless.map(
                (e) =>
                  html`<tr>
                    <td>${e.resolution}</td>
                    <td>${e.clause}</td>
                    <td>${e.title}</td>
                    <td>${e.reason}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`,
  });
}
