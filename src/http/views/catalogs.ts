/**
 * Catalogs in the browser, for the secretariat: paste or upload, the
 * problems at their line and column next to the numbered text, the preview
 * of what starting would do, and the start's progress.
 */
import { html, type Html } from '../../html/template';
import type { CatalogProblem } from '../../catalog/problems';
import type { StartReport } from '../../client/start-catalog';
import { csrfField, nonceField } from './forms';
import { page } from './layout';

/** The paste and upload form (again with the text when it needs fixing). */
function loadForm(csrf: string, text: string): Html {
  return html`<form method="post" action="/catalogs/check" enctype="multipart/form-data">
    ${csrfField(csrf)}
    <label for="catalog-text">Catalog (YAML)</label>
    <textarea id="catalog-text" name="text" rows="16" spellcheck="false" dir="ltr">
${text}</textarea>
    <label for="catalog-file">Or upload a file</label>
    <input id="catalog-file" name="file" type="file" accept=".yaml,.yml,text/yaml" />
    <button type="submit">Check</button>
  </form>`;
}

/** The start page: loaded catalogs and the form. */
export function catalogsPage(m: {
  csrf: string;
  loaded: { id: string; title: string; tasks: number; started: boolean }[];
}): string {
  const item = (c: { id: string; title: string; tasks: number }) =>
    html`<li><code>${c.id}</code>: ${c.title} (${c.tasks} tasks)</li>`;
  const started = m.loaded.filter((c) => c.started);
  const available = m.loaded.filter((c) => !c.started);
  return page({
    title: 'Catalogs',
    body: html`<h1>Catalogs</h1>
      <h2>Started</h2>
      ${
        started.length
          ? html`<ul>
              ${started.map(item)}
            </ul>`
          : html`<p class="muted">None yet: check a catalog below, then start it.</p>`
      }
      ${
        available.length > 0 &&
        html`<h2>In the catalog folder, not started</h2>
          <ul>
            ${available.map(item)}
          </ul>`
      }
      <h2>Check and start a catalog</h2>
      ${loadForm(m.csrf, '')}`,
  });
}

/** An invalid catalog: every problem, linked to its line, shown under that line of the numbered text. */
export function catalogProblemsPage(m: {
  csrf: string;
  text: string;
  source: string;
  problems: CatalogProblem[];
}): string {
  const lines = m.text.split(/\r?\n/);
  const at = new Map<number, CatalogProblem[]>();
  for (const p of m.problems) at.set(p.line, [...(at.get(p.line) ?? []), p]);
  const describe = (p: CatalogProblem) =>
    `line ${p.line}, column ${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
  return page({
    title: 'Catalog problems',
    body: html`<h1>
        ${m.source}: ${m.problems.length} problem${m.problems.length === 1 ? '' : 's'}
      </h1>
      <p class="error" role="alert">Nothing was started. Fix the catalog and check it again.</p>
      <ul class="problems">
        ${m.problems.map((p) => html`<li><a href="#line-${p.line}">${describe(p)}</a></li>`)}
      </ul>
      <h2>The catalog, numbered</h2>
      <ol class="source" dir="ltr">
        ${lines.map(
          (line, i) =>
            html`<li id="line-${i + 1}" ${at.has(i + 1) && html` class="has-problem"`}>
              <code>${line || ' '}</code>${(at.get(i + 1) ?? []).map(
                (p) =>
                  html`<div class="problem">
                    <span class="caret" aria-hidden="true"
                      >${' '.repeat(Math.max(0, p.column - 1))}^</span
                    >${describe(p)}
                  </div>`,
              )}
            </li>`,
        )}
      </ol>
      <h2>Fix it</h2>
      ${loadForm(m.csrf, m.text)}`,
  });
}

/** A valid catalog: what starting would do, and Start (or Start and apply). */
export function catalogPreviewPage(m: {
  csrf: string;
  text: string;
  id: string;
  title: string;
  report: StartReport;
}): string {
  const r = m.report;
  const list = (items: string[]) =>
    items.length
      ? html`<ul>
          ${items.map((i) => html`<li><code>${i}</code></li>`)}
        </ul>`
      : html`<p class="muted">None.</p>`;
  return page({
    title: `Start ${m.id}`,
    body: html`<h1>Start “${m.title}”</h1>
      <p class="notice" role="status">The catalog is valid. Nothing has been started yet.</p>
      <section aria-labelledby="to-start">
        <h2 id="to-start">To start (${r.started.length})</h2>
        <p class="muted">New tasks, and sessions of a series added since the last start.</p>
        ${list(r.started)}
      </section>
      <section aria-labelledby="to-change">
        <h2 id="to-change">Running, with a schedule that would change (${r.differences.length})</h2>
        ${
          r.differences.length
            ? html`<ul>
                ${r.differences.map(
                  (d) =>
                    html`<li>
                      <code>${d.workflowId}</code>
                      <ul>
                        ${d.changes.map((c) => html`<li>${c}</li>`)}
                      </ul>
                    </li>`,
                )}
              </ul>`
            : html`<p class="muted">None.</p>`
        }
      </section>
      <section aria-labelledby="unchanged">
        <h2 id="unchanged">
          Already running, unchanged (${r.alreadyRunning.length - r.differences.length})
        </h2>
      </section>
      <section aria-labelledby="waived">
        <h2 id="waived">Waived in the catalog (${r.waived.length})</h2>
        ${list(r.waived)}
      </section>
      ${
        r.removed.length > 0 &&
        html`<section aria-labelledby="removed">
          <h2 id="removed">Running, but not in this catalog (${r.removed.length})</h2>
          <p class="error" role="alert">
            This catalog leaves out ${r.removed.length} running
            task${r.removed.length === 1 ? '' : 's'}: a file cut short, or tasks removed on purpose.
            They keep running either way; waive them from their task pages to close them.
          </p>
          ${list(r.removed)}
        </section>`
      }
      <form method="post" action="/catalogs/start">
        ${csrfField(m.csrf)}${nonceField()}
        <input type="hidden" name="text" value="${m.text}" />
        ${
          r.removed.length > 0 &&
          html`<label class="check"
            ><input type="checkbox" name="allowRemoved" value="yes" required /> Start it although it
            leaves out the ${r.removed.length} running task${r.removed.length === 1 ? '' : 's'}
            above</label
          >`
        }
        <button type="submit" name="apply" value="no">
          Start ${r.started.length} task${r.started.length === 1 ? '' : 's'}
        </button>
        ${
          r.differences.length > 0 &&
          html`<button type="submit" name="apply" value="yes">
            Start and apply ${r.differences.length} change${r.differences.length === 1 ? '' : 's'}
          </button>`
        }
      </form>`,
  });
}

/** The start page cut where progress lines are streamed in. */
export function startProgressFrame(title: string): { head: string; tail: string } {
  const marker = '<!--progress-->';
  const whole = page({
    title,
    body: html`<h1>${title}</h1>
      <ol class="progress" aria-live="polite">
        <!--progress-->
      </ol>`,
  });
  const cut = whole.indexOf(marker);
  return { head: whole.slice(0, cut), tail: whole.slice(cut + marker.length) };
}

/** One line of progress. */
export function progressLine(done: number, total: number): string {
  return html`<li>${done} of ${total} done</li>`.toString();
}

/** The closing lines of a start: what was started and applied. */
export function startSummary(report: StartReport): string {
  return html`<li>
      <strong
        >Done: ${report.started.length} started, ${report.applied.length} changed,
        ${report.alreadyRunning.length - report.applied.length} left as they were.</strong
      >
    </li>
    <li><a href="/">Back to the overview</a></li>`.toString();
}
