/** Pure feedback rules: the triage state machine, consultation windows, weeks and small-cell suppression. */

/** Every state an item can be in (governance.md §5.1). */
export const STATES = [
  'new',
  'under_review',
  'accepted',
  'implemented',
  'declined',
  'merged',
  'withdrawn'
] as const;

/** An item's state. */
export type State = (typeof STATES)[number];

/** Who asks for a transition. */
export type Actor = 'author' | 'core-team';

/** The open topics of input outside consultations. */
export const TOPICS = [
  'governance',
  'training',
  'hub-service',
  'partnership',
  'accessibility',
  'other'
] as const;

/** Shortest response accepted when declining or merging. */
export const MIN_RESPONSE = 20;

/** Cells counting fewer items than this are suppressed when they hold anonymous input. */
export const MIN_CELL = 5;

/** Reports that hide an item until the Core Team reviews it. */
export const REPORTS_TO_HIDE = 3;

/** The allowed transitions: from → to → who may take it. */
const TRANSITIONS: Record<State, Partial<Record<State, Actor>>> = {
  new: {
    under_review: 'core-team',
    declined: 'core-team',
    merged: 'core-team',
    withdrawn: 'author'
  },
  under_review: {
    accepted: 'core-team',
    declined: 'core-team',
    merged: 'core-team',
    withdrawn: 'author'
  },
  accepted: { implemented: 'core-team', declined: 'core-team' },
  declined: { under_review: 'core-team' },
  implemented: {},
  merged: {},
  withdrawn: {}
};

/** What a transition request carries besides its target. */
export interface TransitionInput {
  /** A response published with the transition. */
  responseText?: string;
  note?: string;
  into?: string;
  /** Whether the item already has a published response. */
  hasPublishedResponse: boolean;
}

/** Why a transition is refused; null when it is allowed. */
export type TransitionRefusal =
  | { code: 'invalid_transition'; message: string }
  | { code: 'response_required'; message: string }
  | { code: 'note_required'; message: string }
  | { code: 'invalid_merge'; message: string };

/** Whether `actor` may move an item from `from` to `to` with `input`. */
export function checkTransition(
  from: State,
  to: State,
  actor: Actor,
  input: TransitionInput
): TransitionRefusal | null {
  if (TRANSITIONS[from][to] !== actor) {
    return {
      code: 'invalid_transition',
      message: `an item cannot go from ${from} to ${to}${
        TRANSITIONS[from][to] ? ` (only the ${TRANSITIONS[from][to]} can)` : ''
      }`
    };
  }
  const response = input.responseText?.trim() ?? '';
  if (
    (to === 'declined' || to === 'merged') &&
    response.length < MIN_RESPONSE
  ) {
    return {
      code: 'response_required',
      message: `declining or merging needs a response of at least ${MIN_RESPONSE} characters`
    };
  }
  if (to === 'merged' && !input.into) {
    return {
      code: 'invalid_merge',
      message: 'merging needs `into`, the item to merge into'
    };
  }
  if (
    to === 'implemented' &&
    !input.hasPublishedResponse &&
    response.length < MIN_RESPONSE
  ) {
    return {
      code: 'response_required',
      message:
        'an accepted item needs a published response before it is implemented'
    };
  }
  if (from === 'declined' && to === 'under_review' && !input.note?.trim()) {
    return {
      code: 'note_required',
      message: 'reopening a declined item needs a note saying why'
    };
  }
  return null;
}

/** Whether a Core Team move from `from` to `to` is news the author hears of: a decision, or a reopening. */
export function notifiesAuthor(from: State, to: State): boolean {
  return (
    to === 'accepted' ||
    to === 'implemented' ||
    to === 'declined' ||
    to === 'merged' ||
    (from === 'declined' && to === 'under_review')
  );
}

/** Whether members may support an item in this state. */
export function isSupportable(state: State): boolean {
  return state === 'new' || state === 'under_review' || state === 'accepted';
}

/** Why an item cannot be the canonical item of a merge; null when it can. */
export function mergeTargetRefusal(
  itemId: string,
  target: { id: string; state: State; mergedInto: string | null }
): string | null {
  if (target.id === itemId) return 'an item cannot be merged into itself';
  if (target.state === 'merged' || target.mergedInto) {
    return 'the target is itself merged; merge into its canonical item';
  }
  if (target.state === 'declined' || target.state === 'withdrawn') {
    return `the target is ${target.state}`;
  }
  return null;
}

/** A consultation's status at `now`. */
export function consultationStatus(
  window: { opensAt: Date; closesAt: Date },
  now: Date
): 'scheduled' | 'open' | 'closed' {
  if (now < window.opensAt) return 'scheduled';
  if (now >= window.closesAt) return 'closed';
  return 'open';
}

/** Why a consultation change is refused (governance.md §5.11); null when allowed. */
export function consultationChangeRefusal(
  current: {
    closesAt: Date;
    anonymous: boolean;
    resultsHidden: boolean;
    replies: number;
    status: 'scheduled' | 'open' | 'closed';
  },
  change: { closesAt?: Date; anonymous?: boolean; resultsHidden?: boolean }
): { code: 'cannot_shorten' | 'one_way'; message: string } | null {
  if (
    change.closesAt &&
    current.replies > 0 &&
    change.closesAt < current.closesAt
  ) {
    return {
      code: 'cannot_shorten',
      message: 'a consultation with replies can be extended but not shortened'
    };
  }
  if (current.anonymous && change.anonymous === false) {
    return {
      code: 'one_way',
      message: 'an anonymous consultation cannot be made identified'
    };
  }
  if (!current.anonymous && change.anonymous === true && current.replies > 0) {
    return {
      code: 'one_way',
      message: 'a consultation with identified replies cannot become anonymous'
    };
  }
  if (
    current.resultsHidden &&
    change.resultsHidden === false &&
    current.status !== 'closed'
  ) {
    return {
      code: 'one_way',
      message:
        'hidden results cannot be revealed before the consultation closes'
    };
  }
  return null;
}

/** The UTC date `YYYY-MM-DD` of an instant. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Seconds from `now` to the next UTC midnight (at least 1). */
export function secondsToUtcMidnight(now: Date): number {
  const next = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate() + 1
  );
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** The Monday (ISO week start) of a `YYYY-MM-DD` date. */
export function weekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const back = (day.getUTCDay() + 6) % 7;
  return utcDate(new Date(day.getTime() - back * 86400000));
}

/** One trends cell before suppression. */
export interface TrendCell {
  week: string;
  state: string;
  topic: string;
  count: number;
  anonymous: number;
}

/** Cells holding anonymous input with fewer than MIN_CELL items lose their count. */
export function suppressCells(cells: TrendCell[]) {
  return cells.map(cell => {
    const suppressed = cell.anonymous > 0 && cell.count < MIN_CELL;
    return {
      week: cell.week,
      state: cell.state,
      topic: cell.topic,
      count: suppressed ? null : cell.count,
      suppressed
    };
  });
}
