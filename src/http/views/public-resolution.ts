/**
 * A resolution's read-only public page: how each clause stands (its tasks,
 * their due dates and status), with no name, address or link into the
 * staff pages, for a secretariat to publish.
 */
import { html } from '../../html/template';
import { page } from './layout';

export interface PublicClause {
  clause: string;
  rows: { title: string; due: string; status: string }[];
}

export function publicResolutionPage(m: {
  title: string;
  adoptedBy: string;
  asOf: string;
  clauses: PublicClause[];
}): string {
  return page({
    title: m.title,
    nav: false,
    body: html`<h1>${m.title}</h1>
      <p class="muted">${m.adoptedBy}. How each clause stands on ${m.asOf}.</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Clause</th>
              <th scope="col">Task</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${m.clauses.flatMap((c) =>
              c.rows.map(
                (r, i) =>
                  html`<tr>
                    ${i === 0 && html`<th scope="rowgroup" rowspan="${c.rows.length}">${c.clause}</th>`}
                    <td>${r.title}</td>
                    <td>${r.due}</td>
                    <td><span class="status">${r.status}</span></td>
                  </tr>`,
              ),
            )}
          </tbody>
        </table>
      </div>`,
  });
}
