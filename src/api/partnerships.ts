/** The partnership views' calls to the service (`api/partnerships/...`), typed after its schemas. */
import type { ICatalystClient } from '../tokens';

/** A champion role of a community. */
export type ChampionRole = 'hub_champion' | 'community_champion';

/** One row of the Core Team table. */
export interface ICommunitySummary {
  slug: string;
  name: string;
  country: string;
  region: string;
  language: string;
  phase: string | null;
  status: string | null;
  statusLine: string | null;
  termId: number | null;
  termSeq: number | null;
  startDate: string | null;
  endDate: string | null;
  daysLeft: number | null;
  guaranteedServiceDate: string | null;
  champions: Record<ChampionRole, string | null>;
  vacancies: ChampionRole[];
  checklist: { done: number; total: number };
  training: { completed: number; total: number };
}

/** A term with its derived status. */
export interface ITerm {
  id: number;
  seq: number;
  startDate: string;
  endDate: string;
  guaranteedService: {
    date: string;
    precision: string;
    asGiven: string;
  } | null;
  phase: string;
  previousTermId: number | null;
  status: { status: string; active: boolean; daysLeft: number; line: string };
}

/** A role assignment. */
export interface IRoleAssignment {
  id: number;
  role: ChampionRole;
  person: {
    id: number;
    name: string;
    email: string | null;
    githubHandle: string | null;
  };
  startDate: string;
  endDate: string | null;
  endReason: string;
}

/** A responsibility of the current term. */
export interface IChecklistItem {
  id: number;
  key: string;
  done: boolean;
  doneAt: string | null;
  doneBy: string | null;
  evidenceUrl: string;
}

/** A training enrolment. */
export interface IEnrolment {
  id: number;
  person: { name: string; email: string | null; githubHandle: string | null };
  programme: string;
  cohort: string;
  language: string;
  status: string;
  evidenceState: string;
  /** A link, or `catalyst:training/<hub>/<user>` for progress verified from the training panel. */
  evidenceUrl: string;
  completedOn: string | null;
}

/** One line of a term's history. */
export interface IHistoryEntry {
  termId: number;
  kind: string;
  from: string | null;
  to: string | null;
  at: string;
  actor: string;
  reason: string;
}

/** A community's card. */
export interface ICommunityCard {
  community: {
    slug: string;
    name: string;
    country: string;
    region: string;
    language: string;
    website: string;
  };
  summary: ICommunitySummary;
  dates: {
    termEnd: string | null;
    guaranteedService: string | null;
    decommissionProposed: string | null;
    decommissioned: string | null;
  };
  terms: ITerm[];
  history: IHistoryEntry[];
  roles: IRoleAssignment[];
  vacancies: ChampionRole[];
  checklist: IChecklistItem[];
  enrolments: IEnrolment[];
  reminders: IReminder[];
}

/** A reminder delivered in-product to the Core Team and the community's champions. */
export interface IReminder {
  id: number;
  kind: string;
  termId: number | null;
  anchorDate: string;
  offsetDays: number;
  dueAt: string;
  state: string;
}

/** A reminder delivered in-product, with when I read it. */
export interface IInboxReminder extends IReminder {
  communitySlug: string;
  sentAt: string;
  readAt: string | null;
}

const enc = encodeURIComponent;
const post = (body: unknown) => ({ method: 'POST' as const, body });

/** The partnership API over the Catalyst client. */
export class PartnershipsApi {
  constructor(private readonly _client: ICatalystClient) {}

  /** Every community, renewal-due first (Core Team). */
  list(): Promise<{ today: string; communities: ICommunitySummary[] }> {
    return this._client.request('api/partnerships/communities');
  }

  /** Reminders delivered to me (Core Team: every community; champions: their own). */
  inbox(): Promise<{ reminders: IInboxReminder[]; unread: number }> {
    return this._client.request('api/partnerships/reminders/inbox');
  }

  /** Mark a delivered reminder read, for me only. */
  markReminderRead(id: number): Promise<IInboxReminder> {
    return this._client.request(
      `api/partnerships/reminders/${id}/read`,
      post({})
    );
  }

  /** The card of this hub's community (champions and Core Team). */
  own(): Promise<ICommunityCard> {
    return this._client.request('api/partnerships/own');
  }

  /** A community's card. */
  card(slug: string): Promise<ICommunityCard> {
    return this._client.request(`api/partnerships/communities/${enc(slug)}`);
  }

  /** Renew the latest active term from its end + 1. */
  renew(termId: number): Promise<{ term: ITerm; gapDays: number }> {
    return this._client.request(
      `api/partnerships/terms/${termId}/renew`,
      post({})
    );
  }

  /** Hand a champion role to a person from a date. */
  handover(
    slug: string,
    role: ChampionRole,
    person: { email?: string; githubHandle?: string; name?: string },
    startDate: string
  ): Promise<{ roles: IRoleAssignment[] }> {
    return this._client.request(
      `api/partnerships/communities/${enc(slug)}/roles/${role}/handover`,
      post({ person, startDate })
    );
  }

  /** Submit a link as evidence of completion (not evaluated until the Core Team accepts it). */
  submitEvidence(
    enrolmentId: number,
    evidenceUrl: string,
    completedOn: string
  ): Promise<IEnrolment> {
    return this._client.request(
      `api/partnerships/enrolments/${enrolmentId}/evidence`,
      post({ evidenceUrl, completedOn })
    );
  }

  /** Offer my own training-panel progress as Hub Champion training evidence; the service reads it. */
  offerTrainingEvidence(enrolmentId: number): Promise<IEnrolment> {
    return this._client.request(
      `api/partnerships/enrolments/${enrolmentId}/evidence/training`,
      post({})
    );
  }

  /** Everything stored about me (roles and enrolments), matched by my hub user name. */
  myData(): Promise<unknown> {
    return this._client.request('api/partnerships/me');
  }

  /** Tick or untick a responsibility. */
  tick(
    itemId: number,
    done: boolean,
    evidenceUrl?: string
  ): Promise<IChecklistItem> {
    return this._client.request(`api/partnerships/checklist/${itemId}`, {
      method: 'PUT',
      body: evidenceUrl ? { done, evidenceUrl } : { done }
    });
  }
}
