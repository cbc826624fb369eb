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
