/**
 * What a weekly digest says, from the tasks' published views: for a manager
 * the tasks they manage, for the secretariat every task. Each task is listed
 * once: waiting for review first (the manager's move), else overdue, else due
 * within the next 14 days. Pure.
 */
import {
  DUE_SOON_DAYS,
  type DigestContent,
  type DigestItem,
  type DigestRole,
} from '../shared/digest';
import type { TaskView } from '../shared/task-view';

const DAY = 86_400_000;

function itemOf(view: TaskView): DigestItem {
  return {
    workflowId: view.workflowId,
    title: view.task.title,
    clause: view.task.clause,
    responsible: view.task.responsible,
    status: view.status,
    dueAt: view.dueAt,
    due: view.due,
    zone: view.resolution.zone,
    tentative: view.tentative,
    handedIn: view.deliverables.filter((d) => d.status === 'submitted').map((d) => d.title),
  };
}

export function digestContent(
  views: readonly TaskView[],
  who: { role: DigestRole; personKey: string },
  at: number,
): DigestContent {
  const content: DigestContent = { overdue: [], dueSoon: [], awaitingReview: [] };
  const mine = views.filter(
    (v) => !v.closed && (who.role === 'secretariat' || v.manager?.key === who.personKey),
  );
  for (const view of [...mine].sort(
    (a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId),
  )) {
    if (view.status === 'submitted') content.awaitingReview.push(itemOf(view));
    else if (view.status === 'overdue') content.overdue.push(itemOf(view));
    else if (
      (view.status === 'open' || view.status === 'returned') &&
      view.dueAt <= at + DUE_SOON_DAYS * DAY
    )
      content.dueSoon.push(itemOf(view));
  }
  return content;
}
