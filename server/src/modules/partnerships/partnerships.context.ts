/** What every part of the partnership service shares: the repository, the clock, DTOs, guards and the audited change. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CourseTutorial } from './partnerships.training-evidence.js';
import { AppError, type ErrorCode } from '../../http-errors.js';
import type { Role } from '../../plugins/auth.js';
import {
  createPartnershipsRepository,
  type ChecklistRow,
  type CommunityRow,
  type Db,
  type EnrolmentRow,
  type HubRow,
  type PartnershipsRepository,
  type RoleRow,
  type TermRow
} from './partnerships.repository.js';
import {
  DEFAULT_POLICY,
  formatGuaranteedService,
  parseGuaranteedService,
  statusLine,
  termStatus,
  todayIn,
  type IsoDate,
  type OverrideStatus,
  type Phase,
  type Policy,
  type TermStatus
} from './partnerships.rules.js';

/** Champion roles a community has. */
export const CHAMPION_ROLES = ['hub_champion', 'community_champion'] as const;
export type ChampionRole = (typeof CHAMPION_ROLES)[number];

/** Training programmes. */
export const PROGRAMMES = [
  'hub_champion_training',
  'train_the_trainer',
  'open_seeds'
] as const;

/** Enrolment statuses. */
export const ENROLMENT_STATUSES = [
  'invited',
  'enrolled',
  'completed',
  'withdrawn',
  'failed',
  'asked_to_repeat'
] as const;

/** The responsibilities every term starts with (partnerships.md §4.9); labels live in the views. */
export const CHECKLIST_TEMPLATE = [
  'champions_named',
  'hub_admins_set',
  'hub_champion_training_done',
  'open_seeds_nominees',
  'data_export_plan'
] as const;

/** Where "now" comes from and which zone decides what "today" is. */
export interface Clock {
  now(): Date;
  zone: string;
}

/** Who is acting. */
export interface Viewer {
  name: string;
  roles: Role[];
}

/** A person as a request names them. */
export interface PersonInput {
  email?: string;
  githubHandle?: string;
  name?: string;
}

export function fail(statusCode: number, code: string, message: string): never {
  // Partnership codes (conflict, overlap, illegal_transition…) extend the shared list.
  throw new AppError(statusCode, code as ErrorCode, message);
}

/** Maps database constraint failures onto 409s, so a lost race never becomes a 500. */
export function mapDatabaseError(error: unknown): never {
  const code = (error as { code?: string }).code;
  if (code === '23505')
    fail(409, 'conflict', 'someone else changed this first; reload and retry');
  if (code === '23514' || code === '23P01' || code === '23503') {
    fail(409, 'overlap', 'the dates overlap another term or assignment');
  }
  if (code === '40001' || code === '40P01') {
    fail(409, 'conflict', 'a concurrent change won; reload and retry');
  }
  throw error;
}

/** The facts termStatus() needs from a term row. */
export function termFacts(t: TermRow) {
  return {
    startDate: t.start_date,
    endDate: t.end_date,
    phase: t.phase as Phase,
    overrideStatus: t.override_status as OverrideStatus | null,
    overrideUntil: t.override_until,
    guaranteedServiceDate: t.guaranteed_service_date
  };
}

/** Done and total items of one term's checklist. */
function countChecklist(items: ChecklistRow[]): {
  done: number;
  total: number;
} {
  return { done: items.filter(i => i.done_at).length, total: items.length };
}

/** The shared parts of the partnership service. */
export function createPartnershipsContext(options: {
  db: Kysely<Database>;
  hubId: string;
  clock: Clock;
  policy?: Policy;
  /** The Hub Champion Training's episodes, for evidence from the training panel. */
  course?: CourseTutorial[];
}) {
  const { db, hubId, clock } = options;
  const course = options.course ?? [];
  const policy = options.policy ?? DEFAULT_POLICY;
  const repo = createPartnershipsRepository(db);
  const today = (): IsoDate => todayIn(clock.now(), clock.zone);

  const statusOf = (t: TermRow): TermStatus & { line: string } => {
    const s = termStatus(termFacts(t), today(), policy);
    return { ...s, line: statusLine(s) };
  };

  const termDto = (t: TermRow) => ({
    id: t.id,
    communitySlug: t.community_id,
    seq: t.seq,
    startDate: t.start_date,
    endDate: t.end_date,
    guaranteedService: t.guaranteed_service_date
      ? {
          date: t.guaranteed_service_date,
          precision: t.guaranteed_service_precision as string,
          asGiven: formatGuaranteedService(
            t.guaranteed_service_date,
            t.guaranteed_service_precision
          )
        }
      : null,
    phase: t.phase,
    previousTermId: t.previous_term_id,
    agreementUrl: t.agreement_url,
    override: t.override_status
      ? { status: t.override_status, until: t.override_until }
      : null,
    status: statusOf(t)
  });

  const roleDto = (r: RoleRow) => ({
    id: r.id,
    role: r.role,
    person: {
      id: r.person_id,
      name: r.person_name,
      email: r.person_email,
      githubHandle: r.github_handle
    },
    startDate: r.start_date,
    endDate: r.end_date,
    endReason: r.end_reason
  });

  const enrolmentDto = (e: EnrolmentRow) => ({
    id: e.id,
    person: {
      id: e.person_id,
      name: e.person_name,
      email: e.person_email,
      githubHandle: e.github_handle
    },
    communitySlug: e.community_id,
    programme: e.programme,
    cohort: e.cohort,
    language: e.language,
    status: e.status,
    startedOn: e.started_on,
    completedOn: e.completed_on,
    notes: e.notes,
    evidenceUrl: e.evidence_url,
    evidenceState: e.evidence_state,
    repeatOf: e.repeat_of
  });

  const checklistDto = (c: ChecklistRow) => ({
    id: c.id,
    key: c.key,
    done: c.done_at !== null,
    doneAt: c.done_at ? c.done_at.toISOString() : null,
    doneBy: c.done_by,
    evidenceUrl: c.evidence_url
  });

  const hubDto = (h: HubRow) => ({
    id: h.id,
    name: h.name,
    cluster: h.cluster,
    domain: h.domain,
    provider: h.provider,
    region: h.region,
    auth: h.auth,
    adminUsers: h.admin_users,
    deployedOn: h.deployed_on,
    decommissionProposedOn: h.decommission_proposed_on,
    decommissionedOn: h.decommissioned_on,
    dataDisposition: h.data_disposition
  });

  const isCore = (v: Viewer) => v.roles.includes('core-team');

  /** The community this hub serves (config.hubId → hubs.community_id), never one the client names. */
  async function ownCommunity(): Promise<string | null> {
    return repo.communityOfHub(hubId);
  }

  async function assertCanRead(v: Viewer, communityId: string): Promise<void> {
    if (isCore(v)) return;
    if ((await ownCommunity()) !== communityId) {
      fail(403, 'forbidden', "champions see only their own community's card");
    }
  }

  /** Runs a change in one transaction and writes the audit line, also when the change is refused. */
  async function change<T>(
    actor: string,
    action: string,
    target: string,
    detail: Record<string, unknown>,
    work: (r: PartnershipsRepository, trx: Db) => Promise<T>
  ): Promise<T> {
    try {
      return await db.transaction().execute(async trx => {
        const r = createPartnershipsRepository(trx);
        const result = await work(r, trx);
        await r.audit({
          hub_id: hubId,
          actor,
          action,
          target,
          outcome: 'ok',
          detail
        });
        return result;
      });
    } catch (error) {
      let mapped: unknown = error;
      try {
        mapDatabaseError(error);
      } catch (e) {
        mapped = e;
      }
      if (mapped instanceof AppError) {
        await repo.audit({
          hub_id: hubId,
          actor,
          action,
          target,
          outcome: 'refused',
          detail: { ...detail, code: mapped.code, message: mapped.message }
        });
      }
      throw mapped;
    }
  }

  async function needCommunity(
    r: PartnershipsRepository,
    slug: string
  ): Promise<CommunityRow> {
    const c = await r.findCommunity(slug);
    if (!c) fail(404, 'not_found', `no community ${slug}`);
    return c;
  }

  async function needTerm(
    r: PartnershipsRepository,
    id: number,
    lock = false
  ): Promise<TermRow> {
    const t = lock ? await r.lockTerm(id) : await r.findTerm(id);
    if (!t) fail(404, 'not_found', `no term ${id}`);
    return t;
  }

  /** Matches by email, then GitHub handle; creates the person when neither matches. */
  async function resolvePerson(
    r: PartnershipsRepository,
    p: PersonInput
  ): Promise<number> {
    const email = p.email?.trim() || null;
    const github = p.githubHandle?.trim().replace(/^@/, '') || null;
    if (!email && !github)
      fail(400, 'validation', 'a person needs an email or a GitHub handle');
    const found =
      (email ? await r.findPersonByEmail(email) : undefined) ??
      (github ? await r.findPersonByGithub(github) : undefined);
    if (found) {
      const set: { name?: string; email?: string; github_handle?: string } = {};
      if (p.name && p.name !== found.name) set.name = p.name;
      if (email && !found.email) set.email = email;
      if (github && !found.github_handle) set.github_handle = github;
      if (Object.keys(set).length) await r.updatePerson(found.id, set);
      return found.id;
    }
    return r.insertPerson({ name: p.name ?? '', email, github_handle: github });
  }

  /** One row of the Core Team table; the arrays may hold other communities' rows too. */
  async function communitySummary(
    c: CommunityRow,
    terms: TermRow[],
    roles: RoleRow[],
    enrolments: EnrolmentRow[],
    checklistCounts?: Map<number, { done: number; total: number }>
  ) {
    const current = terms.filter(t => t.community_id === c.id).pop() ?? null;
    const own = roles.filter(
      r => r.community_id === c.id && r.end_date === null
    );
    const champions = Object.fromEntries(
      CHAMPION_ROLES.map(role => {
        const holder = own.find(r => r.role === role);
        return [
          role,
          holder
            ? holder.person_name || holder.person_email || holder.github_handle
            : null
        ];
      })
    ) as Record<ChampionRole, string | null>;
    const counts = !current
      ? { done: 0, total: 0 }
      : (checklistCounts?.get(current.id) ??
        (checklistCounts
          ? { done: 0, total: 0 }
          : countChecklist(await repo.checklist(current.id))));
    const training = enrolments.filter(e => e.community_id === c.id);
    const status = current ? statusOf(current) : null;
    return {
      slug: c.id,
      name: c.name,
      country: c.country,
      region: c.region,
      language: c.language,
      phase: current?.phase ?? null,
      status: status?.status ?? null,
      statusLine: status?.line ?? null,
      termId: current?.id ?? null,
      termSeq: current?.seq ?? null,
      startDate: current?.start_date ?? null,
      endDate: current?.end_date ?? null,
      daysLeft: status?.daysLeft ?? null,
      guaranteedServiceDate: current?.guaranteed_service_date ?? null,
      champions,
      vacancies: CHAMPION_ROLES.filter(role => champions[role] === null),
      checklist: counts,
      training: {
        completed: training.filter(e => e.status === 'completed').length,
        total: training.length
      }
    };
  }

  const ORDER: Record<string, number> = {
    'renewal-due': 0,
    ended: 1,
    active: 2,
    upcoming: 3,
    onboarding: 4,
    applied: 5
  };

  function guaranteed(value: string | undefined) {
    if (value === undefined || value === '') return null;
    const gs = parseGuaranteedService(value);
    if (!gs)
      fail(
        400,
        'validation',
        'guaranteedService must be YYYY, YYYY-MM or YYYY-MM-DD'
      );
    return gs;
  }

  return {
    db,
    hubId,
    course,
    clock,
    policy,
    repo,
    today,
    statusOf,
    termDto,
    roleDto,
    enrolmentDto,
    checklistDto,
    hubDto,
    isCore,
    ownCommunity,
    assertCanRead,
    change,
    needCommunity,
    needTerm,
    resolvePerson,
    communitySummary,
    guaranteed,
    ORDER
  };
}

/** The partnership service's shared context. */
export type PartnershipsContext = ReturnType<typeof createPartnershipsContext>;
