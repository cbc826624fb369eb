/** What triage offers for an item: the Core Team's moves of the state machine (docs/feedback.md). */
import type { FeedbackState, ITrendCell } from '../api/feedback';

/** What a move needs besides the target state. */
export interface IMove {
  to: FeedbackState;
  /** A response of at least 20 characters, published with the move. */
  needsResponse: boolean;
  /** A note saying why (reopening a declined item). */
  needsNote: boolean;
  /** The canonical item a duplicate is merged into. */
  needsTarget: boolean;
}

/** The Core Team's moves from each state; withdrawing is the author's alone. */
const MOVES: Record<FeedbackState, FeedbackState[]> = {
  new: ['under_review', 'declined', 'merged'],
  under_review: ['accepted', 'declined', 'merged'],
  accepted: ['implemented', 'declined'],
  declined: ['under_review'],
  implemented: [],
  merged: [],
  withdrawn: []
};

/** The shortest response the service accepts with a decline or a merge. */
export const RESPONSE_MIN = 20;

/** The moves the Core Team may make from `state`. */
export function movesFrom(state: FeedbackState): IMove[] {
  return MOVES[state].map(to => ({
    to,
    needsResponse: to === 'declined' || to === 'merged',
    needsNote: state === 'declined' && to === 'under_review',
    needsTarget: to === 'merged'
  }));
}

/** One week of the trends chart: counts per state, and whether any cell was suppressed. */
export interface IWeekTotals {
  week: string;
  byState: Partial<Record<FeedbackState, number>>;
  total: number;
  suppressed: boolean;
}

/** Fold the service's cells (week × state × topic) into weekly totals per state, oldest first. */
export function weeklyTotals(cells: ITrendCell[]): IWeekTotals[] {
  const weeks = new Map<string, IWeekTotals>();
  for (const cell of cells) {
    const week = weeks.get(cell.week) ?? {
      week: cell.week,
      byState: {},
      total: 0,
      suppressed: false
    };
    if (cell.suppressed || cell.count === null) {
      // Fewer than 5 items with an anonymous one: shown as hidden, never as a number.
      week.suppressed = true;
    } else {
      week.byState[cell.state] = (week.byState[cell.state] ?? 0) + cell.count;
      week.total += cell.count;
    }
    weeks.set(cell.week, week);
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}
