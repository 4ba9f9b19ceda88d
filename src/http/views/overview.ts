/**
 * The staff overview: counts by status, the overdue list, what is due in the
 * next 30 days, and the timeline of every task by clause.
 */
import type { TaskListing } from '../../client/listing';
import { html, joinHtml, type Html } from '../../html/template';
import type { TaskStatus } from '../../shared/task-state';
import type { Catalog } from '../../shared/types';
import { actorOf, type StaffPrincipal } from '../sessions';
import { chartFigures, type Charts } from '../../report/charts';
import { ratesHtml } from '../../report/council-report';
import type { ReportContext } from '../../report/report-context';
import { csrfField } from './forms';
import { listingTable } from './listing-table';
import { filterQuery } from '../task-filter';
import { page } from './layout';
import type { UnreachableListing } from '../../client/unreachable';
import { unreachableBanner } from './replace-person';
import type { ReceivedRecord } from '../../replies/received-archive';
import { unusableRepliesSection } from './replies';

/** What the overview shows; the route fetches and filters, the view only lays out. */
export interface OverviewModel {
  title: string;
  principal: StaffPrincipal;
  csrf: string;
  /** The resolution filtered on, if any, and every resolution with tasks. */
  resolution?: string;
  resolutions: string[];
  counts: Record<TaskStatus, number>;
  /** The earliest-due overdue tasks (a bounded number) and how many there are. */
  overdue: TaskListing[];
  overdueTotal: number;
  soon: TaskListing[];
  soonTotal: number;
  /** Every task in scope, for the timeline; absent when there are more than `detailLimit`. */
  all?: TaskListing[];
  total?: number;
  detailLimit?: number;
  /** For task titles and the resolution's zone. */
  catalogs: ReadonlyMap<string, Catalog>;
  /** People on open tasks whose mail bounces (shown to the secretariat). */
  unreachable?: UnreachableListing[];
  /** Rates and charts of each resolution shown that has a catalog. */
  reports: { context: ReportContext; charts: Charts }[];
  /** Staff calendar feeds: each resolution shown, and each responsible body of it. */
  feeds?: { label: string; https: string; webcal: string }[];
  /** Replies read from the mailbox (the view shows those that could not be used). */
  unusableReplies?: ReceivedRecord[] | undefined;
}

export function overviewPage(m: OverviewModel): string {
  const filter =
    (m.resolutions.length > 1 || m.resolution) &&
    html`<p>
      Resolution:
      ${joinHtml(
        [
          html`<a href="/">all</a>`,
          ...m.resolutions.map(
            (r) => html`<a href="/?resolution=${encodeURIComponent(r)}">${r}</a>`,
          ),
        ],
        ' · ',
      )}
    </p>`;
  const scope = m.resolution ? { resolution: m.resolution } : {};
  const cards = Object.entries(m.counts).map(
    ([status, n]) =>
      html`<div class="card">
        <div class="n">${n}</div>
        <div class="status status-${status}">${status}</div>
      </div>`,
  );
  return page({
    title: m.title,
    body: html`<h1>${m.title}</h1>
      <div class="muted">
        Signed in as ${actorOf(m.principal)} (${m.principal.role}).
        <form class="inline" method="post" action="/logout">
          ${csrfField(m.csrf)}<button class="secondary" type="submit">Sign out</button>
        </form>
      </div>
      ${
        m.principal.role === 'secretariat' &&
        html`<p>
          <a href="/catalogs">Catalogs: check and start</a> ·
          <a href="/bulk/extend">Extend several tasks</a>
        </p>`
      }
      ${m.unreachable && m.unreachable.length > 0 && unreachableBanner(m.unreachable)} ${filter}
      ${
        m.unusableReplies &&
        unusableRepliesSection(
          m.unusableReplies,
          (m.resolution && m.catalogs.get(m.resolution)?.resolution.timezone) || 'UTC',
        )
      }
      <section aria-labelledby="counts">
        <h2 id="counts">Tasks by status</h2>
        <div class="cards">${cards}</div>
      </section>
      ${m.reports.map((r) => reportSection(r.context, r.charts))}
      <p><a href="/tasks${filterQuery(scope)}">Filter the task list</a></p>
      <section aria-labelledby="overdue">
        <h2 id="overdue">
          <a href="/tasks${filterQuery({ ...scope, status: ['overdue'] })}">Overdue</a>
          (${m.overdueTotal})
        </h2>
        ${shownOf(m.overdue.length, m.overdueTotal)} ${listingTable(m.overdue, m.catalogs)}
      </section>
      <section aria-labelledby="soon">
        <h2 id="soon">Due in the next 30 days (${m.soonTotal})</h2>
        ${shownOf(m.soon.length, m.soonTotal)} ${listingTable(m.soon, m.catalogs)}
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline by clause</h2>
        ${
          m.all
            ? timeline(m.all, m.catalogs)
            : html`<p class="muted">
                ${m.total ?? 0} tasks in view, more than ${m.detailLimit ?? 0}: the timeline and the
                rates are shown for a resolution with fewer.
              </p>`
        }
      </section>
      ${
        m.feeds &&
        m.feeds.length > 0 &&
        html`<section aria-labelledby="feeds">
          <h2 id="feeds">Calendar feeds</h2>
          <p class="muted">
            Subscribe in a calendar: every open deadline, kept up to date, the same entries as the
            mailed invitations.
          </p>
          <ul>
            ${m.feeds.map(
              (f) =>
                html`<li>
                  <a href="${f.webcal}">${f.label}</a> ·
                  <a class="muted" href="${f.https}" aria-label="${f.label}: https address"
                    >https address</a
                  >
                </li>`,
            )}
          </ul>
        </section>`
      }`,
  });
}

/** Says when a list shows only the earliest-due part of what matches. */
function shownOf(shown: number, total: number) {
  return shown < total && html`<p class="muted">The ${shown} due first of ${total}.</p>`;
}

/** A resolution's rates, its picture of the year and its report downloads. */
function reportSection(context: ReportContext, charts: Charts): Html {
  const id = context.catalog.resolution.id;
  const link = (format: string, label: string) =>
    html`<a href="/reports/${encodeURIComponent(id)}?format=${format}">${label}</a>`;
  return html`<section aria-labelledby="report-${id}">
    <h2 id="report-${id}">
      ${context.catalog.resolution.adoptedBy}: ${context.catalog.resolution.title}
    </h2>
    <p>
      Report:
      ${joinHtml(
        [
          link('docx', 'Word'),
          link('xlsx', 'Excel'),
          link('html', 'HTML'),
          link('md', 'Markdown'),
          link('csv', 'CSV'),
        ],
        ' · ',
      )}
    </p>
    ${ratesHtml(context, 'h3')} ${chartFigures(context, charts)}
  </section>`;
}

function timeline(listings: TaskListing[], catalogs: ReadonlyMap<string, Catalog>): Html {
  const byClause = new Map<string, TaskListing[]>();
  for (const l of listings) byClause.set(l.clause, [...(byClause.get(l.clause) ?? []), l]);
  if (byClause.size === 0)
    return html`<p class="muted">
      No tasks yet: load a catalog with <code>npx mandate start CATALOG</code>.
    </p>`;
  return joinHtml(
    [...byClause]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(
        ([clause, group]) =>
          html`<h3>${clause}</h3>
            ${listingTable(group, catalogs)}`,
      ),
    '\n',
  );
}
