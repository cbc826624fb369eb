/** The Hub Champion's view of their hub's learners: who started, finished, or is stuck where. */
import type { IProgress } from './types';

/** One learner's progress row as `GET api/training/cohort` gives it. */
export interface ICohortProgress extends IProgress {
  user: string;
}

/** One learner on one tutorial. */
export interface ILearnerSummary {
  user: string;
  passed: number;
  total: number;
  /** The step they last failed and have not passed since, if any. */
  stuckAt: string | null;
  /** The newest change (client time). */
  lastActive: string;
}

/** Per learner, for one tutorial version's steps, ordered: stuck first, then least done. */
export function summarizeCohort(
  rows: ICohortProgress[],
  tutorial: { id: string; version: string; stepIds: string[] }
): ILearnerSummary[] {
  const byUser = new Map<string, ICohortProgress[]>();
  for (const row of rows) {
    if (
      row.tutorialId === tutorial.id &&
      row.version === tutorial.version &&
      tutorial.stepIds.includes(row.stepId)
    ) {
      byUser.set(row.user, [...(byUser.get(row.user) ?? []), row]);
    }
  }
  const summaries = Array.from(byUser, ([user, steps]) => {
    const failed = steps
      .filter(step => step.status === 'failed')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return {
      user,
      passed: steps.filter(step => step.status === 'passed').length,
      total: tutorial.stepIds.length,
      stuckAt: failed[0]?.stepId ?? null,
      lastActive: steps
        .map(step => step.updatedAt)
        .sort()
        .reverse()[0] as string
    };
  });
  return summaries.sort(
    (a, b) =>
      Number(b.stuckAt !== null) - Number(a.stuckAt !== null) ||
      a.passed - b.passed ||
      a.user.localeCompare(b.user)
  );
}

/** Cumulative finishers of one tutorial at the end of each day someone finished. */
export interface ICompletionPoint {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Learners who had finished by the end of that day. */
  finished: number;
}

/**
 * When learners finished a tutorial version: a learner finishes when their last step first passed.
 *
 * #### Notes
 * Uses first-pass times, so re-checking an old step does not move a finish later.
 */
export function completionsOverTime(
  rows: ICohortProgress[],
  tutorial: { id: string; version: string; stepIds: string[] }
): ICompletionPoint[] {
  const passes = new Map<string, Map<string, string>>();
  for (const row of rows) {
    if (
      row.tutorialId !== tutorial.id ||
      row.version !== tutorial.version ||
      !row.firstPassedAt ||
      !tutorial.stepIds.includes(row.stepId)
    ) {
      continue;
    }
    const mine = passes.get(row.user) ?? new Map<string, string>();
    mine.set(row.stepId, row.firstPassedAt);
    passes.set(row.user, mine);
  }
  const perDay = new Map<string, number>();
  for (const steps of passes.values()) {
    if (steps.size !== tutorial.stepIds.length) {
      continue;
    }
    const finishedAt = Array.from(steps.values()).sort().reverse()[0] as string;
    const day = new Date(finishedAt).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  let total = 0;
  return Array.from(perDay)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, count]) => ({ day, finished: (total += count) }));
}

/** Cells a spreadsheet would run as a formula get a leading quote. */
function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The cohort's progress as CSV, one row per learner and step, for a spreadsheet. */
export function cohortCsv(rows: ICohortProgress[]): string {
  const header = [
    'user',
    'tutorial',
    'version',
    'step',
    'status',
    'attempts',
    'hints_used',
    'first_passed_at',
    'updated_at'
  ];
  const lines = [...rows]
    .sort(
      (a, b) =>
        a.user.localeCompare(b.user) ||
        a.tutorialId.localeCompare(b.tutorialId) ||
        a.stepId.localeCompare(b.stepId)
    )
    .map(row =>
      [
        row.user,
        row.tutorialId,
        row.version,
        row.stepId,
        row.status,
        row.attempts,
        row.hintsUsed,
        row.firstPassedAt,
        row.updatedAt
      ]
        .map(csvCell)
        .join(',')
    );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
