/**
 * One run per day of a recipient's digest schedule. The schedule cannot know
 * holidays, so it fires on the weekdays of the recipient's calendar that are
 * not weekend days, and the run sends only on the week's digest day (its first
 * working day): a holiday Monday moves the digest to Tuesday. A day with
 * nothing to say sends nothing; the result says why.
 */
import * as wf from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { createActivities } from '../activities';
import {
  digestScheduleId,
  isEmptyDigest,
  type DigestInput,
  type DigestOutcome,
} from '../src/shared/digest';
import { digestDayOfWeek, weekStartOf } from '../src/time/digest-day';
import { dateInZone } from '../src/time/wall-clock';
import { WEEKEND_ONLY } from '../src/time/working-days';
import { messageIdFor } from '../src/shared/message-id';

const { collectDigest } = wf.proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  // Reading views: a few quick retries, then the day's run fails visibly.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

const { sendDigest } = wf.proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // Transient SMTP trouble is retried for up to half a day: the digest is for this week.
  scheduleToCloseTimeout: '12 hours',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** Set by Temporal on runs a schedule starts: the planned instant, even for a late (caught-up) run. */
const SCHEDULED_START = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

export async function weeklyDigestWorkflow(input: DigestInput): Promise<DigestOutcome> {
  const at =
    input.at ??
    wf.workflowInfo().typedSearchAttributes.get(SCHEDULED_START)?.getTime() ??
    Date.now();
  const { recipient } = input;
  const calendar = recipient.workingDays ?? WEEKEND_ONLY;
  const day = dateInZone(at, recipient.timezone);
  const digestDay = digestDayOfWeek(day, calendar);
  if (digestDay !== day)
    return {
      sent: false,
      day,
      reason: 'not the digest day',
      ...(digestDay !== undefined ? { digestDay } : {}),
    };
  const request = { ...input, at };
  const content = await collectDigest(request);
  if (isEmptyDigest(content)) return { sent: false, day, reason: 'nothing to say' };
  const weekOf = weekStartOf(day, calendar);
  const messageId = messageIdFor(
    digestScheduleId(input.resolutionId, input.role, recipient.key),
    weekOf,
  );
  const result = await sendDigest({ input: request, content, weekOf, messageId });
  if (!result.delivered) return { sent: false, day, reason: 'rejected', error: result.error };
  return {
    sent: true,
    messageId,
    day,
    counts: {
      overdue: content.overdue.length,
      dueSoon: content.dueSoon.length,
      awaitingReview: content.awaitingReview.length,
    },
  };
}
