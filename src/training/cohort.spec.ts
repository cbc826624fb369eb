import { summarizeCohort, type ICohortProgress } from './cohort';

function row(
  user: string,
  stepId: string,
  status: ICohortProgress['status'],
  minute: number,
  version = '1'
): ICohortProgress {
  return {
    user,
    tutorialId: 't',
    version,
    stepId,
    status,
    attempts: 1,
    hintsUsed: 0,
    firstPassedAt: null,
    updatedAt: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`
  };
}

describe('cohort summary', () => {
  const tutorial = { id: 't', version: '1', stepIds: ['a', 'b', 'c'] };

  it('counts passed steps, finds where a learner is stuck and lists stuck learners first', () => {
    const summary = summarizeCohort(
      [
        row('ana', 'a', 'passed', 1),
        row('ana', 'b', 'passed', 2),
        row('ana', 'c', 'passed', 3),
        row('ben', 'a', 'passed', 1),
        row('ben', 'b', 'failed', 5),
        row('cleo', 'a', 'started', 4),
        row('dan', 'a', 'passed', 1, '0')
      ],
      tutorial
    );
    expect(summary).toEqual([
      {
        user: 'ben',
        passed: 1,
        total: 3,
        stuckAt: 'b',
        lastActive: '2026-11-27T10:05:00.000Z'
      },
      {
        user: 'cleo',
        passed: 0,
        total: 3,
        stuckAt: null,
        lastActive: '2026-11-27T10:04:00.000Z'
      },
      {
        user: 'ana',
        passed: 3,
        total: 3,
        stuckAt: null,
        lastActive: '2026-11-27T10:03:00.000Z'
      }
    ]);
  });
});
