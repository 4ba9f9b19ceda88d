/**
 * The weekly digest's Temporal Schedules: one per resolution and recipient
 * (each manager of a task, and the secretariat), firing at 08:00 in the
 * recipient's zone on the weekdays their calendar works. Installed
 * idempotently (created, or updated to what the catalog says now); a
 * schedule nobody needs any more is deleted.
 */
import type { Locale } from '../shared/types';
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import type { Config } from '../config/config';
import { mailAddress, type MailAddress } from '../mail/address';
import { recipientOf, workingCalendarOf } from '../plan/occurrences';
import {
  DIGEST_HOUR,
  SECRETARIAT_KEY,
  digestSchedulePrefix,
  digestScheduleId,
  type DigestInput,
  type DigestRole,
} from '../shared/digest';
import type { Catalog, Recipient } from '../shared/types';
import { TASK_QUEUE, WORKFLOW_TYPES } from '../shared/workflow-api';
import { workingWeekdays } from '../time/digest-day';
import { WEEKEND_ONLY } from '../time/working-days';
import type { weeklyDigestWorkflow } from '../../workflows';

/** The secretariat's digest goes to its contact address, else to the sender's. */
/** The secretariat as its mail reaches it: its contact address and the language it reads. */
export type SecretariatContact = MailAddress & { locale?: Locale };

export function secretariatAddress(
  config: Pick<Config, 'mailFrom' | 'mailContact'> & Partial<Pick<Config, 'secretariatLocale'>>,
): SecretariatContact {
  return {
    ...mailAddress(config.mailContact ?? config.mailFrom),
    locale: config.secretariatLocale ?? 'en',
  };
}

export interface DigestRecipient {
  scheduleId: string;
  role: DigestRole;
  recipient: Recipient;
}

/**
 * Who gets a digest of a catalog: every person who manages a task that is not
 * waived, and the secretariat (its contact address, in its language, in the
 * resolution's zone and on the catalog's `default` calendar).
 */
export function digestRecipients(
  catalog: Catalog,
  secretariat: SecretariatContact,
): DigestRecipient[] {
  const resolutionId = catalog.resolution.id;
  const managers = [
    ...new Set(catalog.tasks.filter((t) => !t.waived && t.manager).map((t) => t.manager!)),
  ].sort();
  const out: DigestRecipient[] = managers.map((key) => {
    const person = catalog.people[key];
    if (!person) throw new Error(`digest: unknown manager ${key} in ${resolutionId}`);
    return {
      scheduleId: digestScheduleId(resolutionId, 'manager', key),
      role: 'manager',
      recipient: recipientOf(catalog, person),
    };
  });
  const workingDays = workingCalendarOf(catalog, {
    key: SECRETARIAT_KEY,
    name: secretariat.name,
    email: secretariat.address,
    timezone: catalog.resolution.timezone,
    locale: 'en',
  });
  out.push({
    scheduleId: digestScheduleId(resolutionId, 'secretariat', SECRETARIAT_KEY),
    role: 'secretariat',
    recipient: {
      key: SECRETARIAT_KEY,
      name: secretariat.name || secretariat.address,
      email: secretariat.address,
      timezone: catalog.resolution.timezone,
      locale: secretariat.locale ?? 'en',
      ...(workingDays ? { workingDays } : {}),
    },
  });
  return out;
}

const DAY_NAMES = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;

/** The schedule of one recipient's digest: what `create` and `update` both get. */
export function digestScheduleOptions(
  catalog: Catalog,
  entry: DigestRecipient,
  taskQueue = TASK_QUEUE,
): Omit<ScheduleOptions, 'scheduleId'> {
  const calendar = entry.recipient.workingDays ?? WEEKEND_ONLY;
  const input: DigestInput = {
    resolutionId: catalog.resolution.id,
    resolutionTitle: catalog.resolution.title,
    recipient: entry.recipient,
    role: entry.role,
  };
  return {
    spec: {
      calendars: [
        {
          hour: DIGEST_HOUR,
          minute: 0,
          dayOfWeek: workingWeekdays(calendar).map((day) => DAY_NAMES[day - 1]!),
          comment: 'working weekdays; the run itself skips holidays and all but the digest day',
        },
      ],
      timezone: entry.recipient.timezone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: WORKFLOW_TYPES.digest,
      workflowId: entry.scheduleId,
      taskQueue,
      args: [input] satisfies Parameters<typeof weeklyDigestWorkflow>,
    },
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      // A worker or server down at 08:00 still sends that day's digest when it is back.
      catchupWindow: '12 hours',
    },
  };
}

export interface DigestInstallReport {
  created: string[];
  updated: string[];
  deleted: string[];
}

/**
 * Creates or updates the schedule of every digest recipient of the catalog,
 * and deletes the resolution's digest schedules that no recipient needs.
 */
export async function installDigestSchedules(
  client: Client,
  catalog: Catalog,
  options: { secretariat: MailAddress; taskQueue?: string },
): Promise<DigestInstallReport> {
  const report: DigestInstallReport = { created: [], updated: [], deleted: [] };
  const wanted = digestRecipients(catalog, options.secretariat);
  for (const entry of wanted) {
    const schedule = digestScheduleOptions(catalog, entry, options.taskQueue);
    try {
      await client.schedule.create({ scheduleId: entry.scheduleId, ...schedule });
      report.created.push(entry.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(entry.scheduleId).update((previous) => ({
        ...previous,
        spec: schedule.spec,
        action: schedule.action,
        policies: { ...previous.policies, ...schedule.policies },
      }));
      report.updated.push(entry.scheduleId);
    }
  }
  const keep = new Set(wanted.map((w) => w.scheduleId));
  for (const id of await digestScheduleIds(client, catalog.resolution.id)) {
    if (keep.has(id)) continue;
    try {
      await client.schedule.getHandle(id).delete();
      report.deleted.push(id);
    } catch (error) {
      // Visibility lags: a schedule deleted a moment ago may still be listed.
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  return report;
}

/** The resolution's digest schedules as visibility lists them (it may lag a fresh change). */
export async function digestScheduleIds(client: Client, resolutionId: string): Promise<string[]> {
  const prefix = digestSchedulePrefix(resolutionId);
  const ids: string[] = [];
  for await (const summary of client.schedule.list()) {
    if (summary.scheduleId.startsWith(prefix)) ids.push(summary.scheduleId);
  }
  return ids.sort();
}
