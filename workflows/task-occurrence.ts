/**
 * One workflow per task occurrence: a Temporal shell around the pure domain
 * core (src/occurrence/). Updates run the core's changes; the loop sleeps on
 * an updatable timer until the planner's next message, sends through the
 * mail activity what is due and what the changes queued, and ends when the
 * task is completed or waived.
 */
import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { nextMessages } from '../src/plan/occurrence-plan';
import * as core from '../src/occurrence/changes';
import { Refusal } from '../src/occurrence/refusal';
import { publicView, searchFacts } from '../src/occurrence/projection';
import type { OccurrenceState } from '../src/shared/task-state';
import { isClosed, isOutstanding } from '../src/shared/task-state';
import { occurrenceAttributeUpdates } from '../src/shared/occurrence-attributes';
import type { TaskView } from '../src/shared/task-view';
import * as api from '../src/shared/workflow-api';
import { OccurrenceMail } from './occurrence-mail';
import { carried } from './search-attributes';
import { UpdatableTimer } from './updatable-timer';

/** History length at which a run hands over to a fresh one, far below Temporal's limits. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;
const KEPT_UPDATE_IDS = 200;

export interface OccurrenceOutcome {
  status: 'completed' | 'waived';
  messagesSent: number;
}

export async function taskOccurrenceWorkflow(
  input: api.OccurrenceWorkflowInput,
): Promise<OccurrenceOutcome> {
  const { workflowId } = wf.workflowInfo();
  let state: OccurrenceState =
    input.state ?? core.initialState(input, Date.now(), wf.workflowInfo().startTime.getTime());
  const timer = new UpdatableTimer();
  const mail = new OccurrenceMail(workflowId, () => state);
  let published = '';
  const moment = (): core.Moment => ({ now: Date.now(), has: (b) => wf.patched(b) });

  const view = (): TaskView => publicView(state, { workflowId, now: Date.now() });

  wf.setHandler(api.statusQuery, view);

  /** An update runs its change once: a redelivered update id returns the view and changes nothing. */
  function handle<R>(update: UpdateDefinition<TaskView, [R]>, change: core.Change<R>): void {
    wf.setHandler(
      update,
      (request) => {
        const id = wf.currentUpdateInfo()?.id;
        if (id !== undefined && state.appliedUpdates.includes(id)) return view();
        state = change.apply(state, request, moment()).state;
        if (id !== undefined)
          state.appliedUpdates = [...state.appliedUpdates, id].slice(-KEPT_UPDATE_IDS);
        timer.wake();
        publish();
        return view();
      },
      { validator: (request) => refused(() => change.check(state, request, Date.now())) },
    );
  }
  handle(api.submitUpdate, core.submit);
  handle(api.reviewUpdate, core.review);
  handle(api.extendUpdate, core.extend);
  handle(api.reassignUpdate, core.reassign);
  handle(api.recordBounceUpdate, core.recordBounce);
  handle(api.waiveUpdate, core.waive);
  handle(api.holdUpdate, core.hold);
  handle(api.resumeUpdate, core.resume);
  handle(api.reviseUpdate, core.revise);

  function publish(): void {
    if (input.searchAttributes === false) return;
    const facts = searchFacts(state, Date.now());
    const snapshot = JSON.stringify(facts.snapshot);
    if (snapshot === published) return;
    const first = published === '';
    published = snapshot;
    const updates = occurrenceAttributeUpdates(facts.attributes);
    // A start that carried exactly these (as `mandate start` does, saying so in
    // `startAttributes`) needs no first upsert: it would cost an event and a
    // visibility write per workflow. Not a patch: in this SDK a patch marker
    // upserts TemporalChangeVersion, an upsert of its own. Inputs from before
    // have no flag, so their histories replay as recorded.
    if (first && input.startAttributes === true && carried(updates)) return;
    wf.upsertSearchAttributes(updates);
  }

  while (!isClosed(state)) {
    const info = wf.workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > CONTINUE_AS_NEW_AFTER_EVENTS) {
      await wf.condition(wf.allHandlersFinished);
      return await wf.continueAsNew<typeof taskOccurrenceWorkflow>({ ...input, state });
    }
    publish();
    timer.reset();
    await mail.sendNotices();
    // An update that came while the notices went out is looked at before sleeping.
    if (timer.woken) continue;
    const now = Date.now();
    const batch = isOutstanding(state) ? nextMessages(state.schedule, state.cursor) : [];
    // Also wake just after the due instant, so the status turns overdue on time.
    const dueAt = core.dueAtOf(state);
    const wakeForStatus = now <= dueAt ? dueAt + 1 : Number.POSITIVE_INFINITY;
    if (await timer.sleepUntil(Math.min(batch[0]?.atMs ?? Number.POSITIVE_INFINITY, wakeForStatus)))
      continue;
    const first = batch[0];
    if (first && first.atMs <= Date.now()) {
      // An address that bounced gets nothing more (its manager was told once); the others go.
      const skip =
        batch.some((m) => core.isUnreachable(state, m.recipient)) && wf.patched('skip-unreachable');
      const sendable = skip ? batch.filter((m) => !core.isUnreachable(state, m.recipient)) : batch;
      await Promise.all(sendable.map((message) => mail.deliver(message)));
      state.cursor = first.atMs;
    }
  }

  publish();
  await mail.sendNotices();
  const { waived } = state;
  if (waived) await mail.cancel(waived);
  await wf.condition(wf.allHandlersFinished);
  return {
    status: waived ? 'waived' : 'completed',
    messagesSent: state.history.filter((h) => h.type === 'message' && h.message.delivered).length,
  };
}

/** Runs a core rule as an update validator: its refusal becomes a typed, non-retryable failure. */
function refused(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    throw wf.ApplicationFailure.create({
      type: api.UPDATE_REFUSALS[error.kind],
      message: error.message,
      nonRetryable: true,
    });
  }
}
