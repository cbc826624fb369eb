/** Pure partnership rules: ISO date arithmetic, termStatus(), the phase machine and the reminder plan. */

/** An ISO calendar date `YYYY-MM-DD`; never a midnight timestamp. */
export type IsoDate = string;

/** Stored phases of a term. */
export const PHASES = [
  'applied',
  'onboarding',
  'active',
  'renewed',
  'graduated',
  'offboarded'
] as const;
export type Phase = (typeof PHASES)[number];

/** The only legal phase moves (partnerships.md §4.3). */
export const TRANSITIONS: Record<Phase, readonly Phase[]> = {
  applied: ['onboarding'],
  onboarding: ['active'],
  active: ['renewed', 'graduated', 'offboarded'],
  renewed: [],
  graduated: [],
  offboarded: []
};

/** Phases a term never leaves. */
export const TERMINAL_PHASES: readonly Phase[] = [
  'renewed',
  'graduated',
  'offboarded'
];

/** True when `from → to` is a legal move. */
export function canTransition(from: Phase, to: Phase): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Derived statuses an override may force. */
export const OVERRIDE_STATUSES = ['active', 'renewal-due', 'ended'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

/** What termStatus() answers in `status`. */
export type TermStatusName =
  | 'applied'
  | 'onboarding'
  | 'upcoming'
  | 'active'
  | 'renewal-due'
  | 'ended'
  | 'renewed'
  | 'graduated'
  | 'offboarded';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30, 31/12/2025). */
export function isIsoDate(value: string): boolean {
  const match = ISO.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function parts(date: IsoDate): [number, number, number] {
  const match = ISO.exec(date);
  if (!match || !isIsoDate(date))
    throw new RangeError(`not an ISO date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a calendar date (calendar arithmetic only, no zone involved). */
function dayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86400000;
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * 86400000);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    m - 1
  ] as number;
}

/** `date` plus `days` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** The same day `years` later; a Feb 29 that does not exist overflows to Mar 1 (not clamped to Feb 28). */
export function anniversary(date: IsoDate, years = 1): IsoDate {
  const [y, m, d] = parts(date);
  const year = y + years;
  if (m === 2 && d === 29 && !isLeapYear(year)) return format(year, 3, 1);
  return format(year, m, d);
}

/** Default end of a one-year term: the anniversary minus one day (2024-02-29 → 2025-02-28). */
export function defaultEnd(start: IsoDate): IsoDate {
  return addDays(anniversary(start), -1);
}

/** How far the renewal policy looks. */
export interface Policy {
  /** Days before the end from which an active term is renewal-due. */
  renewalWindowDays: number;
  /** Days after the end within which a renewal still continues the previous term. */
  graceDays: number;
}

export const DEFAULT_POLICY: Policy = { renewalWindowDays: 60, graceDays: 30 };

/** Where a renewal starts: previous end + 1 when recorded by the end of grace, else the day it is recorded. */
export function renewalStart(
  previousEnd: IsoDate,
  recordedOn: IsoDate,
  policy: Policy = DEFAULT_POLICY
): { start: IsoDate; gapDays: number } {
  const next = addDays(previousEnd, 1);
  if (recordedOn <= addDays(previousEnd, policy.graceDays)) {
    return { start: next, gapDays: 0 };
  }
  return { start: recordedOn, gapDays: daysBetween(next, recordedOn) };
}

/** A guaranteed-service date as typed (`2025`, `2025-11`, `2025-11-15`) resolved to its last day. */
export function parseGuaranteedService(
  value: string
): { date: IsoDate; precision: 'day' | 'month' | 'year' } | null {
  if (/^\d{4}$/.test(value)) {
    return { date: `${value}-12-31`, precision: 'year' };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) return null;
    return { date: format(y, m, daysInMonth(y, m)), precision: 'month' };
  }
  return isIsoDate(value) ? { date: value, precision: 'day' } : null;
}

/** Writes a guaranteed-service date back the way it was given. */
export function formatGuaranteedService(
  date: IsoDate | null,
  precision: string | null
): string {
  if (!date) return '';
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return date.slice(0, 7);
  return date;
}

/** The calendar date of `now` in an IANA zone. */
export function todayIn(now: Date, zone = 'UTC'): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).format(now);
}

/** The latest date that is already "today" somewhere on Earth (UTC+14): recorded dates may not pass it. */
export function latestRecordableDate(now: Date): IsoDate {
  return todayIn(now, 'Etc/GMT-14');
}

/** What termStatus() needs of a term. */
export interface TermFacts {
  startDate: IsoDate;
  endDate: IsoDate;
  phase: Phase;
  overrideStatus?: OverrideStatus | null;
  overrideUntil?: IsoDate | null;
  guaranteedServiceDate?: IsoDate | null;
}

/** The derived view of a term on one day; the API, the card, the list and the export all use it. */
export interface TermStatus {
  status: TermStatusName;
  /** Inside [start, end] (or forced active by an override) and in phase active. */
  active: boolean;
  /** Days from today to the end (negative once ended). */
  daysLeft: number;
  renewalDueFrom: IsoDate;
  overridden: boolean;
  /** An override whose last day has passed: the daily job clears it. */
  overrideExpired: boolean;
  /** The term has ended and service is still guaranteed: until when. */
  serviceGuaranteedUntil: IsoDate | null;
}

/** Derives a term's status on `today` (closed range [start, end]; one function for every reader). */
export function termStatus(
  term: TermFacts,
  today: IsoDate,
  policy: Policy = DEFAULT_POLICY
): TermStatus {
  const renewalDueFrom = addDays(term.endDate, -policy.renewalWindowDays);
  const daysLeft = daysBetween(today, term.endDate);
  const overrideLive =
    !!term.overrideStatus &&
    (term.overrideUntil == null || today <= term.overrideUntil);
  const overrideExpired = !!term.overrideStatus && !overrideLive;
  let status: TermStatusName;
  let overridden = false;
  if (term.phase !== 'active') {
    status = term.phase;
  } else if (overrideLive) {
    status = term.overrideStatus as OverrideStatus;
    overridden = true;
  } else if (today < term.startDate) {
    status = 'upcoming';
  } else if (today > term.endDate) {
    status = 'ended';
  } else if (today >= renewalDueFrom) {
    status = 'renewal-due';
  } else {
    status = 'active';
  }
  const active = status === 'active' || status === 'renewal-due';
  const guaranteed = term.guaranteedServiceDate ?? null;
  return {
    status,
    active,
    daysLeft,
    renewalDueFrom,
    overridden,
    overrideExpired,
    serviceGuaranteedUntil:
      today > term.endDate && guaranteed && guaranteed >= today
        ? guaranteed
        : null
  };
}

/** One line of status for a person ("term ended, service guaranteed to 2025-11-30"). */
export function statusLine(s: TermStatus): string {
  if (s.status === 'ended' && s.serviceGuaranteedUntil) {
    return `term ended, service guaranteed to ${s.serviceGuaranteedUntil}`;
  }
  return s.status;
}

/** Which reminder, anchored where, how many days before (negative) or after. */
export interface ReminderSpec {
  kind: string;
  anchor: 'term.start' | 'term.end' | 'term.guaranteedService' | 'role.vacant';
  offsetDays: number;
  recipients: string[];
}

/** Default reminders (partnerships.md §4.11 and the 2i2c offboarding runbook). */
export const TERM_REMINDERS: readonly ReminderSpec[] = [
  {
    kind: 'term-start-30',
    anchor: 'term.start',
    offsetDays: -30,
    recipients: ['core-team', 'hub_champion', 'community_champion']
  },
  {
    kind: 'term-end-60',
    anchor: 'term.end',
    offsetDays: -60,
    recipients: ['core-team', 'hub_champion', 'community_champion']
  },
  {
    kind: 'term-end-14',
    anchor: 'term.end',
    offsetDays: -14,
    recipients: ['core-team', 'hub_champion', 'community_champion']
  },
  {
    kind: 'term-end-2',
    anchor: 'term.end',
    offsetDays: -2,
    recipients: ['core-team', 'hub_champion', 'community_champion']
  },
  {
    kind: 'guaranteed-service-60',
    anchor: 'term.guaranteedService',
    offsetDays: -60,
    recipients: ['core-team', 'hub_champion', 'community_champion']
  }
];

/** A reminder that should exist. */
export interface PlannedReminder {
  key: string;
  kind: string;
  anchorDate: IsoDate;
  offsetDays: number;
  /** ISO timestamp: anchor + offset at 09:00 UTC, or now + 1 h when that has passed. */
  dueAt: string;
  recipients: string[];
}

/** When a reminder for `date` is sent: that day 09:00 UTC, but never in the past (then now + 1 h). */
export function reminderDueAt(date: IsoDate, now: Date): string {
  const planned = new Date(`${date}T09:00:00Z`);
  const soonest = new Date(now.getTime() + 3600000);
  return (planned < soonest ? soonest : planned).toISOString();
}

/** The reminders one term should have now; terminal or already-ended terms need none. */
export function plannedTermReminders(
  term: TermFacts & { id: number },
  now: Date,
  today: IsoDate
): PlannedReminder[] {
  if (TERMINAL_PHASES.includes(term.phase)) return [];
  const out: PlannedReminder[] = [];
  for (const spec of TERM_REMINDERS) {
    const anchor =
      spec.anchor === 'term.start'
        ? term.startDate
        : spec.anchor === 'term.end'
          ? term.endDate
          : (term.guaranteedServiceDate ?? null);
    if (!anchor) continue;
    // A reminder about an anchor already behind us has nothing left to announce.
    if (anchor < today) continue;
    const date = addDays(anchor, spec.offsetDays);
    out.push({
      key: `term:${term.id}:${spec.kind}`,
      kind: spec.kind,
      anchorDate: anchor,
      offsetDays: spec.offsetDays,
      dueAt: reminderDueAt(date, now),
      recipients: spec.recipients
    });
  }
  return out;
}

/** What reconciliation does with one key. */
export type ReconcileAction = 'create' | 'update' | 'cancel' | 'noop';

/** Compares what exists with what should exist (AMY's CREATE / UPDATE / CANCEL / NOOP). */
export function reconcile(
  existing: { key: string; dueAt: string; state: string; anchorDate: string }[],
  planned: PlannedReminder[]
): { key: string; action: ReconcileAction; planned?: PlannedReminder }[] {
  const byKey = new Map(existing.map(row => [row.key, row]));
  const out: {
    key: string;
    action: ReconcileAction;
    planned?: PlannedReminder;
  }[] = [];
  const wanted = new Set<string>();
  for (const plan of planned) {
    wanted.add(plan.key);
    const row = byKey.get(plan.key);
    if (!row) out.push({ key: plan.key, action: 'create', planned: plan });
    else if (row.state === 'sent' || row.state === 'sending') {
      // Delivered once; a moved anchor (an extended term) re-arms it for the new date.
      out.push(
        row.anchorDate === plan.anchorDate
          ? { key: plan.key, action: 'noop' }
          : { key: plan.key, action: 'update', planned: plan }
      );
    } else if (row.state === 'cancelled' || row.anchorDate !== plan.anchorDate)
      out.push({ key: plan.key, action: 'update', planned: plan });
    else out.push({ key: plan.key, action: 'noop' });
  }
  for (const row of existing) {
    if (wanted.has(row.key)) continue;
    out.push({
      key: row.key,
      action: row.state === 'scheduled' ? 'cancel' : 'noop'
    });
  }
  return out;
}
