/** Reminder policy rules: the catalog's `defaults` block and a task's own policy keys. */
import { isScalar } from 'yaml';
import type { ReminderPolicy } from '../shared/types';
import { Checker } from './field-checks';
import { isNull, join, type Entry } from './yaml-reader';

/** The built-in policy for keys that `defaults` leaves out. */
export const BUILT_IN_POLICY: ReminderPolicy = {
  reminders: [],
  sendAt: '09:00',
  overdueEvery: 'P7D',
  escalateAfter: null,
  skipWeekends: false,
};

export const POLICY_KEYS = [
  'reminders',
  'sendAt',
  'overdueEvery',
  'escalateAfter',
  'skipWeekends',
  'thankYou',
] as const;

/** Policy keys of version 2: in a v1 file each is reported as needing version 2. */
export const V2_POLICY_KEYS = ['dueShift', 'overdueFor'] as const;

/** A policy block (the catalog's `defaults`, or a task's own keys) over a base policy. */
export function checkPolicy(
  check: Checker,
  entry: Entry | undefined,
  path: string,
  base: ReminderPolicy,
): ReminderPolicy | undefined {
  if (!entry) return base;
  const fields = check.fields(entry.value, path, POLICY_KEYS, V2_POLICY_KEYS, [], entry.key);
  if (!fields) return undefined;
  return applyPolicy(check, fields, path, base);
}

export function applyPolicy(
  check: Checker,
  fields: Map<string, Entry>,
  path: string,
  base: ReminderPolicy,
): ReminderPolicy | undefined {
  let ok = true;
  const policy: ReminderPolicy = { ...base, reminders: [...base.reminders] };
  const reminders = fields.get('reminders');
  if (reminders) {
    const items = check.seq(reminders.value, join(path, 'reminders'), reminders.key);
    if (!items) ok = false;
    else {
      policy.reminders = [];
      items.forEach((item, i) => {
        const value = check.duration({ value: item }, `${join(path, 'reminders')}[${i}]`);
        if (value === undefined) ok = false;
        else policy.reminders.push(value);
      });
    }
  }
  if (fields.has('sendAt')) {
    const value = check.time(fields.get('sendAt'), join(path, 'sendAt'));
    if (value === undefined) ok = false;
    else policy.sendAt = value;
  }
  const overdue = fields.get('overdueEvery');
  if (overdue && isNull(overdue.value)) {
    // v2: null turns overdue notices off.
    if (check.version === 2) policy.overdueEvery = null;
    else {
      check.report(
        overdue.value,
        join(path, 'overdueEvery'),
        `null (no overdue notices) ${Checker.NEEDS_V2}`,
        overdue.key,
      );
      ok = false;
    }
  } else if (overdue) {
    const value = check.duration(overdue, join(path, 'overdueEvery'), { positive: true });
    if (value === undefined) ok = false;
    else policy.overdueEvery = value;
  }
  const escalate = fields.get('escalateAfter');
  if (escalate) {
    if (isScalar(escalate.value) && escalate.value.value === null) policy.escalateAfter = null;
    else {
      const value = check.duration(escalate, join(path, 'escalateAfter'));
      if (value === undefined) ok = false;
      else policy.escalateAfter = value;
    }
  }
  if (fields.has('skipWeekends')) {
    const value = check.boolean(fields.get('skipWeekends'), join(path, 'skipWeekends'));
    if (value === undefined) ok = false;
    else policy.skipWeekends = value;
  }
  // Beyond the contract: `thankYou: false` sends no thank-you when work is accepted.
  if (fields.has('thankYou')) {
    const value = check.boolean(fields.get('thankYou'), join(path, 'thankYou'));
    if (value === undefined) ok = false;
    else policy.thankYou = value;
  }
  // Beyond the contract (v2): `overdueFor: P28D` ends the overdue notices four weeks after the due date.
  const overdueFor = fields.get('overdueFor');
  if (overdueFor) {
    const where = join(path, 'overdueFor');
    if (isNull(overdueFor.value)) delete policy.overdueFor;
    else {
      const value = check.duration(overdueFor, where, { positive: true });
      if (value === undefined) ok = false;
      else policy.overdueFor = value;
    }
  }
  const shift = fields.get('dueShift');
  if (shift) {
    const where = join(path, 'dueShift');
    const value = isScalar(shift.value) ? shift.value.value : undefined;
    if (isNull(shift.value)) delete policy.dueShift;
    else if (value === 'before' || value === 'after') policy.dueShift = value;
    else {
      check.report(
        shift.value,
        where,
        `${JSON.stringify(value ?? null)} is not a due shift (expected before, after or null)`,
        shift.key,
      );
      ok = false;
    }
  }
  return ok ? policy : undefined;
}
