import {
  cohortCsv,
  completionsOverTime,
  summarizeCohort,
  type ICohortProgress
} from './cohort';

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

describe('cohort chart and export', () => {
  const tutorial = { id: 't', version: '1', stepIds: ['a', 'b'] };
  const passed = (
    user: string,
    stepId: string,
    firstPassedAt: string,
    version = '1'
  ): ICohortProgress => ({
    user,
    tutorialId: 't',
    version,
    stepId,
    status: 'passed',
    attempts: 1,
    hintsUsed: 0,
    firstPassedAt,
    updatedAt: '2026-11-30T00:00:00.000Z'
  });

  it('counts a learner as finished on the day their last step first passed, cumulatively', () => {
    const points = completionsOverTime(
      [
        passed('ana', 'a', '2026-11-25T09:00:00.000Z'),
        passed('ana', 'b', '2026-11-26T23:30:00.000Z'),
        passed('ben', 'a', '2026-11-26T10:00:00.000Z'),
        passed('ben', 'b', '2026-11-26T11:00:00.000Z'),
        passed('cleo', 'b', '2026-11-28T10:00:00.000Z'),
        // Another version's passes do not finish this one.
        passed('cleo', 'a', '2026-11-28T10:00:00.000Z', '2'),
        passed('dan', 'a', '2026-11-28T10:00:00.000Z'),
        passed('dan', 'b', '2026-11-28T12:00:00.000Z')
      ],
      tutorial
    );
    expect(points).toEqual([
      { day: '2026-11-26', finished: 2 },
      { day: '2026-11-28', finished: 3 }
    ]);
    expect(completionsOverTime([], tutorial)).toEqual([]);
  });

  it('exports one CSV row per learner and step, quoting and defusing formulas', () => {
    const csv = cohortCsv([
      passed('=cmd|calc', 'b', '2026-11-26T10:00:00.000Z'),
      passed('ana, "the first"', 'a', '2026-11-25T09:00:00.000Z')
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'user,tutorial,version,step,status,attempts,hints_used,first_passed_at,updated_at'
    );
    // Sorted by user; the formula-looking name is defused with a quote.
    expect(lines[1]?.startsWith("'=cmd|calc,t,1,b,")).toBe(true);
    expect(lines[2]).toBe(
      '"ana, ""the first""",t,1,a,passed,1,0,2026-11-25T09:00:00.000Z,2026-11-30T00:00:00.000Z'
    );
    expect(lines).toHaveLength(3);
  });
});
