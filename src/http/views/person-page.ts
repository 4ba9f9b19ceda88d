/** One person for staff: the tasks they hold and every mail those tasks sent them. */
import { describeInstant } from '../../i18n/deadline';
import { html } from '../../html/template';
import type { SentMail } from '../../mail/sent-mail';
import type { PersonView, TaskView } from '../../shared/task-view';
import { sentMailPath } from '../sent-mail-paths';
import { page } from './layout';
import { bounceCell, deliveryCell, kindText } from './sent-mail';

export interface PersonMail {
  task: TaskView;
  mail: SentMail;
}

/**
 * `person` as the catalog or a task names them (undefined: only the key is
 * known); `mail` newest first. Instants read on the person's own clock.
 */
export function personPage(
  key: string,
  person: PersonView | undefined,
  tasks: TaskView[],
  mail: PersonMail[],
): string {
  const zone = person?.timezone ?? 'UTC';
  // Names and titles in any script sit inside English sentences: isolated, so an Arabic
  // name does not reorder the words around it.
  const name = person
    ? html`<bdi lang="${person.locale}">${person.name}</bdi>`
    : html`<bdi>${key}</bdi>`;
  const taskRows = tasks.map(
    (t) =>
      html`<tr>
        <td>
          <a href="/tasks/${t.workflowId}"><bdi>${t.task.title}</bdi></a>
        </td>
        <td>${t.task.clause}</td>
        <td>${t.occurrence}</td>
        <td class="status status-${t.status}">${t.status}</td>
      </tr>`,
  );
  const mailRows = mail.map(
    ({ task, mail: m }) =>
      html`<tr>
        <td><a href="${sentMailPath(task.workflowId, m.key)}">${kindText(m.message)}</a></td>
        <td>${describeInstant(m.message.at, zone, 'en')}</td>
        <td>
          <a href="/tasks/${task.workflowId}"><bdi>${task.task.title}</bdi></a>
        </td>
        <td>${m.message.to}</td>
        <td>${deliveryCell(m.message)}</td>
        <td>${bounceCell(m)}</td>
      </tr>`,
  );
  return page({
    title: person?.name ?? key,
    body: html`<h1>${name}</h1>
      <p>
        ${person ? html`${person.email} · ${person.locale} · ${person.timezone} · ` : ''}key ${key}
      </p>
      <h2>Tasks held (${tasks.length})</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Clause</th>
              <th scope="col">Occurrence</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${
              taskRows.length
                ? taskRows
                : html`<tr>
                    <td colspan="4">None.</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
      <h2>Mail sent to ${name} (${mail.length})</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Kind (view as sent)</th>
              <th scope="col">Planned for (their time)</th>
              <th scope="col">Task</th>
              <th scope="col">To</th>
              <th scope="col">Delivery</th>
              <th scope="col">Bounce</th>
            </tr>
          </thead>
          <tbody>
            ${
              mailRows.length
                ? mailRows
                : html`<tr>
                    <td colspan="6">No mail sent to them.</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>`,
  });
}
