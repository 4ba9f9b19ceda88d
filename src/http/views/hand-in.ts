/**
 * The focal point's pages, in their language and direction: the hand-in
 * forms, the receipt, and why a link cannot be used.
 */
import { html, type Html } from '../../html/template';
import { describeDeadline } from '../../i18n/deadline';
import { WORDS } from '../../i18n/mail-words';
import { extensionsFor } from '../../deliverables/media-types';
import { PAGE_WORDS } from '../../i18n/page-words';
import type { Locale } from '../../shared/types';
import type { TaskView } from '../../shared/task-view';
import { MAX_TEXT_CHARS, MAX_URL_CHARS } from '../../shared/task-state';
import { handInDocumentPath } from '../document-paths';
import { csrfField, nonceField } from './forms';
import { page } from './layout';

/** A page for a focal point: their language and its direction, no staff navigation. */
function focalPointPage(locale: Locale, title: string, body: Html): string {
  return page({ title, lang: locale, dir: WORDS[locale].dir, nav: false, body });
}

/**
 * The forms of what is still missing or was returned. `search` is the signed
 * link's query, repeated in each form's action so that the post is checked too.
 */
export function handInPage(
  view: TaskView,
  personKey: string,
  locale: Locale,
  csrf: string,
  search: string,
  /** What a document field takes: the store's media types and size limit. */
  accepted: { mediaTypes: readonly string[]; maxBytes: number },
  /** The person's calendar feed, to subscribe to (webcal) or to copy (https). */
  feed?: { https: string; webcal: string },
): string {
  const words = PAGE_WORDS[locale];
  // The due instant in the zone of the person the link is for (not of whoever shares their language).
  const person = view.assignees.find((a) => a.key === personKey);
  const due = describeDeadline(
    view.due,
    view.resolution.zone,
    view.dueAt,
    locale,
    person?.timezone ?? view.resolution.zone,
    { tentative: view.tentative },
  ).full;
  const open = view.deliverables.filter((d) => d.status === 'missing' || d.status === 'returned');
  // Extensions read left to right in every language (as the address field does).
  const extensions = extensionsFor(accepted.mediaTypes);
  const forms = open.map((d, i) => {
    const id = `d${i}`;
    const input =
      d.kind === 'document'
        ? html`<label for="${id}">${words.document}</label
            ><input
              id="${id}"
              name="file"
              type="file"
              accept="${extensions.join(',')}"
              aria-describedby="${id}-accepts"
              required
            /><span class="muted hint" id="${id}-accepts"
              >${words.accepts(
                extensions.map((e) => e.slice(1).toUpperCase()).join(', '),
                accepted.maxBytes,
              )}</span
            >`
        : d.kind === 'link'
          ? html`<label for="${id}">${words.link}</label
              ><input
                id="${id}"
                name="url"
                type="url"
                maxlength="${MAX_URL_CHARS}"
                inputmode="url"
                dir="ltr"
                required
                placeholder="https://"
              />`
          : html`<label for="${id}">${words.text}</label
              ><textarea
                id="${id}"
                name="text"
                rows="6"
                maxlength="${MAX_TEXT_CHARS}"
                required
              ></textarea>`;
    return html`<form method="post" action="/hand-in${search}" enctype="multipart/form-data">
      <fieldset>
        <legend>
          <strong>${d.title}</strong
          >${d.comment && html` <span class="muted">— ${d.comment}</span>`}
        </legend>
        ${csrfField(csrf)}${nonceField()}<input
          type="hidden"
          name="deliverableId"
          value="${d.id}"
        />
        ${input}
        <button type="submit">${words.send}</button>
      </fieldset>
    </form> `;
  });
  // Documents already handed in, so the focal point can open what the secretariat has.
  const documents = view.deliverables.flatMap((d) =>
    d.latest?.kind === 'document'
      ? [
          html`<li>
            ${d.title}:
            <a href="${handInDocumentPath(d.latest.sha256, search)}" download
              ><bdi>${d.latest.name}</bdi></a
            >
          </li>`,
        ]
      : [],
  );
  return focalPointPage(
    locale,
    words.title,
    html`<h1>${words.title}</h1>
      <p>
        <strong>${view.task.title}</strong><br /><bdi class="muted" dir="ltr"
          >${view.task.clause}</bdi
        >
      </p>
      <p>${words.due}: ${due}</p>
      ${
        documents.length > 0 &&
        html`<ul class="handed-in">
          ${documents}
        </ul>`
      }
      ${
        open.length
          ? html`<p>${words.intro}</p>
              ${forms}`
          : html`<p class="notice" role="status">${words.nothingMissing}</p>`
      }
      ${
        feed &&
        html`<p>
          <a href="${feed.webcal}">${words.calendarFeed}</a>
          <span class="muted">(<a href="${feed.https}" dir="ltr">iCalendar</a>)</span>
        </p>`
      }`,
  );
}

/** The receipt of one deliverable, with the way back to the forms. */
export function receivedPage(locale: Locale, deliverableTitle: string, search: string): string {
  const words = PAGE_WORDS[locale];
  return focalPointPage(
    locale,
    words.received,
    html`<h1>${words.received}</h1>
      <p class="notice" role="status">${deliverableTitle}</p>
      <p>${words.receivedDetail}</p>
      <p><a href="/hand-in${search}">${words.title}</a></p>`,
  );
}

/** Why a hand-in link cannot be used (invalid, expired, not for this task, task closed). */
export function linkRefusedPage(locale: Locale, message: string): string {
  const words = PAGE_WORDS[locale];
  return focalPointPage(
    locale,
    message,
    html`<h1>${words.title}</h1>
      <p class="error" role="alert">${message}</p>`,
  );
}

/** A failure of ours on a focal point's page: what to do, and the reference to quote. */
export function serverErrorPage(locale: Locale, reference: string): string {
  const words = PAGE_WORDS[locale];
  return focalPointPage(
    locale,
    words.serverErrorTitle,
    html`<h1>${words.serverErrorTitle}</h1>
      <p class="error" role="alert">${words.serverError}</p>
      <p>${words.reference}${WORDS[locale].colon}<code dir="ltr">${reference}</code></p>`,
  );
}

/** A hand-in link opened in a browser signed in as staff: it acts for its focal point only. */
export function staffSessionPage(staffName: string): string {
  return page({
    title: "A focal point's link",
    body: html`<h1>This link is a focal point's</h1>
      <p class="error" role="alert">
        You are signed in as staff (${staffName}). A hand-in link acts for the focal point it was
        sent to, and nothing can be handed in with it from a staff session.
      </p>
      <p>Sign out to use it in this browser, or record the deliverable from the task page.</p>`,
  });
}
