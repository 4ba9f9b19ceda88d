/**
 * The bounce-mailbox reader: one long-running workflow per namespace that
 * has the `readBounces` activity look at the mailbox every few minutes, and
 * continues-as-new after a number of reads so its history stays short.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  bounceTotalsQuery,
  type BounceReaderInput,
  type BounceTotals,
  type UnreachableFound,
} from '../src/shared/workflow-api';

const { readBounces, askForSuccessor } = wf.proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  // A mailbox or Temporal that is down is tried again a few times, then at the next read.
  retry: { initialInterval: '10 seconds', maximumInterval: '2 minutes', maximumAttempts: 5 },
});

const READS_PER_RUN = 200;

export async function bounceMailboxWorkflow(input: BounceReaderInput): Promise<BounceTotals> {
  let totals: BounceTotals = input.totals ?? {
    read: 0,
    notifications: 0,
    recorded: 0,
    unmatched: 0,
    ignored: 0,
  };
  wf.setHandler(bounceTotalsQuery, () => totals);
  const asked = new Set(input.asked ?? []);
  const reads = input.readsPerRun ?? READS_PER_RUN;
  for (let i = 0; i < reads; i++) {
    try {
      const got = await readBounces();
      totals = {
        read: totals.read + got.read,
        notifications: totals.notifications + got.notifications,
        recorded: totals.recorded + got.recorded,
        unmatched: totals.unmatched + got.unmatched,
        ignored: totals.ignored + got.ignored,
        ...sumReplies(totals, got),
      };
      if (got.unreachable.length > 0 && wf.patched('successor-request'))
        await askOnce(got.unreachable, asked);
    } catch (error) {
      // The next read tries again; a mailbox that is down never stops the reader.
      wf.log.warn('bounce mailbox read failed', { error: String(error) });
    }
    await wf.sleep(input.every);
  }
  return await wf.continueAsNew<typeof bounceMailboxWorkflow>({
    ...input,
    totals,
    // The most recent are enough: a person asked about long ago may be asked again.
    asked: [...asked].slice(-1000),
  });
}

/** The reply counters, once a read has counted replies (a reader without a reply address has none). */
function sumReplies(totals: BounceTotals, got: BounceTotals): Partial<BounceTotals> {
  if (got.replies === undefined && totals.replies === undefined) return {};
  return {
    replies: (totals.replies ?? 0) + (got.replies ?? 0),
    handedIn: (totals.handedIn ?? 0) + (got.handedIn ?? 0),
    unusable: (totals.unusable ?? 0) + (got.unusable ?? 0),
    answered: (totals.answered ?? 0) + (got.answered ?? 0),
  };
}

/** One mail to the secretariat per person and address, listing the tasks this read found. */
async function askOnce(found: UnreachableFound[], asked: Set<string>): Promise<void> {
  const people = new Map<string, UnreachableFound[]>();
  for (const f of found) {
    const id = `${f.key} ${f.email}`;
    if (!asked.has(id)) people.set(id, [...(people.get(id) ?? []), f]);
  }
  for (const [id, entries] of people) {
    const first = entries[0]!;
    try {
      await askForSuccessor({
        key: first.key,
        name: first.name,
        email: first.email,
        ...(first.status ? { status: first.status } : {}),
        diagnostic: first.diagnostic,
        tasks: [...new Set(entries.map((e) => e.workflowId))].sort(),
      });
      asked.add(id);
    } catch (error) {
      // Asked again after the next bounce: the banner and status --unreachable say it meanwhile.
      wf.log.warn('successor request not sent', { person: first.key, error: String(error) });
    }
  }
}
