/** Partnership rules over the repository: terms, renewals, phases, overrides, champions, checklists, training, reminders. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
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
  addDays,
  canTransition,
  daysBetween,
  DEFAULT_POLICY,
  defaultEnd,
  formatGuaranteedService,
  latestRecordableDate,
  parseGuaranteedService,
  plannedTermReminders,
  reconcile,
  reminderDueAt,
  renewalStart,
  statusLine,
  termStatus,
  TERMINAL_PHASES,
  todayIn,
  type IsoDate,
  type OverrideStatus,
  type Phase,
  type Policy,
  type PlannedReminder,
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

function fail(statusCode: number, code: string, message: string): never {
  // Partnership codes (conflict, overlap, illegal_transition…) extend the shared list.
  throw new AppError(statusCode, code as ErrorCode, message);
}

/** Maps database constraint failures onto 409s, so a lost race never becomes a 500. */
function mapDatabaseError(error: unknown): never {
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

function termFacts(t: TermRow) {
  return {
    startDate: t.start_date,
    endDate: t.end_date,
    phase: t.phase as Phase,
    overrideStatus: t.override_status as OverrideStatus | null,
    overrideUntil: t.override_until,
    guaranteedServiceDate: t.guaranteed_service_date
  };
}

/** The partnership service. */
export function createPartnershipsService(options: {
  db: Kysely<Database>;
  hubId: string;
  clock: Clock;
  policy?: Policy;
}) {
  const { db, hubId, clock } = options;
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

  /** Brings a community's reminders in line with its terms and roles (create, update, cancel, noop). */
  async function reconcileCommunity(
    r: PartnershipsRepository,
    communityId: string
  ) {
    const now = clock.now();
    const day = today();
    const terms = await r.listTerms(communityId);
    const planned: (PlannedReminder & { termId: number | null })[] = [];
    for (const t of terms) {
      for (const p of plannedTermReminders(
        { id: t.id, ...termFacts(t) },
        now,
        day
      )) {
        planned.push({ ...p, termId: t.id });
      }
    }
    const current = terms[terms.length - 1];
    if (current && !TERMINAL_PHASES.includes(current.phase as Phase)) {
      const roles = await r.listRoles(communityId);
      for (const role of CHAMPION_ROLES) {
        const held = roles.filter(x => x.role === role);
        if (held.some(x => x.end_date === null || x.end_date >= day)) continue;
        const lastEnd = held
          .map(x => x.end_date as string)
          .sort()
          .pop();
        const since = lastEnd ? addDays(lastEnd, 1) : current.start_date;
        planned.push({
          key: `community:${communityId}:vacant:${role}`,
          kind: `role-vacant-${role}`,
          anchorDate: since,
          offsetDays: 14,
          dueAt: reminderDueAt(addDays(since, 14), now),
          recipients: ['core-team', 'hub_champion', 'community_champion'],
          termId: null
        });
      }
    }
    const existing = await r.reminders({ communityId });
    const plan = reconcile(
      existing.map(e => ({
        key: e.key,
        dueAt: e.due_at.toISOString(),
        state: e.state,
        anchorDate: e.anchor_date
      })),
      planned
    );
    const counts = { create: 0, update: 0, cancel: 0, noop: 0 };
    for (const step of plan) {
      counts[step.action]++;
      const p = planned.find(x => x.key === step.key);
      if (step.action === 'create' && p) {
        await r.insertReminder({
          key: p.key,
          community_id: communityId,
          term_id: p.termId,
          kind: p.kind,
          anchor_date: p.anchorDate,
          offset_days: p.offsetDays,
          due_at: p.dueAt,
          recipients: p.recipients
        });
      } else if (step.action === 'update' && p) {
        await r.updateReminder(p.key, {
          anchor_date: p.anchorDate,
          offset_days: p.offsetDays,
          due_at: p.dueAt,
          state: 'scheduled',
          recipients: p.recipients
        });
      } else if (step.action === 'cancel') {
        await r.updateReminder(step.key, { state: 'cancelled' });
      }
    }
    return counts;
  }

  async function communitySummary(
    c: CommunityRow,
    terms: TermRow[],
    roles: RoleRow[],
    enrolments: EnrolmentRow[]
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
    const items = current ? await repo.checklist(current.id) : [];
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
      checklist: {
        done: items.filter(i => i.done_at).length,
        total: items.length
      },
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

  return {
    repo,
    today,
    ownCommunity,

    /** Every community's summary, renewal-due first, then by term end. */
    async list() {
      const [communities, terms, roles, enrolments] = await Promise.all([
        repo.listCommunities(),
        repo.listTerms(),
        repo.listRoles(),
        repo.listEnrolments()
      ]);
      const rows = [];
      for (const c of communities)
        rows.push(await communitySummary(c, terms, roles, enrolments));
      return rows.sort(
        (a, b) =>
          (ORDER[a.status ?? ''] ?? 9) - (ORDER[b.status ?? ''] ?? 9) ||
          (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') ||
          a.slug.localeCompare(b.slug)
      );
    },

    /** A community's card: the four dates, terms with history, champions, checklist, training, reminders. */
    async card(v: Viewer, slug: string) {
      await assertCanRead(v, slug);
      const c = await needCommunity(repo, slug);
      const [terms, roles, enrolments, hubs, reminders] = await Promise.all([
        repo.listTerms(slug),
        repo.listRoles(slug),
        repo.listEnrolments({ communityId: slug }),
        repo.listHubs(slug),
        repo.reminders({ communityId: slug })
      ]);
      const summary = await communitySummary(c, terms, roles, enrolments);
      const current = terms[terms.length - 1] ?? null;
      const history = [];
      for (const t of terms) {
        for (const e of await repo.events(t.id)) {
          history.push({
            termId: t.id,
            kind: e.kind,
            from: e.from_value,
            to: e.to_value,
            at: e.at.toISOString(),
            actor: e.actor,
            reason: e.reason
          });
        }
      }
      const extensions = [];
      for (const t of terms) {
        for (const x of await repo.extensions(t.id)) {
          extensions.push({
            termId: t.id,
            previousEnd: x.previous_end,
            newEnd: x.new_end,
            days: x.days,
            at: x.at.toISOString(),
            actor: x.actor,
            reason: x.reason
          });
        }
      }
      const hubList = hubs.map(hubDto);
      const hub = hubList[0] ?? null;
      return {
        community: {
          slug: c.id,
          name: c.name,
          country: c.country,
          region: c.region,
          language: c.language,
          website: c.website
        },
        summary,
        dates: {
          termEnd: current?.end_date ?? null,
          guaranteedService: current?.guaranteed_service_date ?? null,
          decommissionProposed: hub?.decommissionProposedOn ?? null,
          decommissioned: hub?.decommissionedOn ?? null
        },
        hubs: hubList,
        terms: terms.map(termDto),
        history,
        extensions,
        roles: roles.map(roleDto),
        vacancies: summary.vacancies,
        checklist: current
          ? (await repo.checklist(current.id)).map(checklistDto)
          : [],
        enrolments: enrolments.map(enrolmentDto),
        reminders: reminders
          .filter(x => x.state !== 'cancelled')
          .map(x => ({
            id: x.id,
            kind: x.kind,
            termId: x.term_id,
            anchorDate: x.anchor_date,
            offsetDays: x.offset_days,
            dueAt: x.due_at.toISOString(),
            state: x.state
          }))
      };
    },

    /** The champion's (or Core Team member's) own community card. */
    async ownCard(v: Viewer) {
      const slug = await ownCommunity();
      if (!slug)
        fail(404, 'not_found', 'this hub is not linked to a community yet');
      return this.card(v, slug);
    },

    async upsertCommunity(actor: string, c: CommunityRow) {
      return change(
        actor,
        'partnerships.community.upsert',
        `community:${c.id}`,
        { ...c },
        async r => {
          await r.upsertCommunity(c);
        }
      );
    },

    async linkHub(actor: string, hub: string, slug: string) {
      return change(
        actor,
        'partnerships.hub.link',
        `hub:${hub}`,
        { community: slug },
        async r => {
          await needCommunity(r, slug);
          if (!(await r.findHub(hub))) fail(404, 'not_found', `no hub ${hub}`);
          await r.linkHub(hub, slug);
        }
      );
    },

    /** Records a hub's deployment and decommission dates (proposed and actual differ, §0). */
    async editHub(
      actor: string,
      hub: string,
      input: {
        deployedOn?: IsoDate | null;
        decommissionProposedOn?: IsoDate | null;
        decommissionedOn?: IsoDate | null;
        dataDisposition?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.hub.edit',
        `hub:${hub}`,
        { ...input },
        async r => {
          const before = await r.findHub(hub);
          if (!before) fail(404, 'not_found', `no hub ${hub}`);
          const set: Parameters<PartnershipsRepository['updateHubDates']>[1] =
            {};
          if (input.deployedOn !== undefined)
            set.deployed_on = input.deployedOn;
          if (input.decommissionProposedOn !== undefined)
            set.decommission_proposed_on = input.decommissionProposedOn;
          if (input.decommissionedOn !== undefined)
            set.decommissioned_on = input.decommissionedOn;
          if (input.dataDisposition !== undefined)
            set.data_disposition = input.dataDisposition;
          const deployed =
            set.deployed_on !== undefined
              ? set.deployed_on
              : before.deployed_on;
          const gone =
            set.decommissioned_on !== undefined
              ? set.decommissioned_on
              : before.decommissioned_on;
          if (deployed && gone && gone < deployed)
            fail(
              400,
              'validation',
              'body/decommissionedOn is before deployedOn'
            );
          await r.updateHubDates(hub, set);
          return hubDto((await r.findHub(hub)) as HubRow);
        }
      );
    },

    async term(v: Viewer, id: number) {
      const t = await needTerm(repo, id);
      await assertCanRead(v, t.community_id);
      return termDto(t);
    },

    /** A new term; it follows the community's latest term and may not overlap it. */
    async createTerm(
      actor: string,
      slug: string,
      input: {
        startDate: IsoDate;
        endDate?: IsoDate;
        phase?: Phase;
        guaranteedService?: string;
        agreementUrl?: string;
        reason?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.term.create',
        `community:${slug}`,
        { ...input },
        async r => {
          await needCommunity(r, slug);
          await r.lockCommunity(slug);
          const endDate = input.endDate ?? defaultEnd(input.startDate);
          if (endDate < input.startDate)
            fail(400, 'validation', 'body/endDate is before startDate');
          const gs = guaranteed(input.guaranteedService);
          const latest = await r.latestTerm(slug);
          if (latest && input.startDate <= latest.end_date) {
            fail(
              409,
              'overlap',
              `term ${latest.seq} runs until ${latest.end_date}; a new term may start on ${addDays(latest.end_date, 1)} at the earliest`
            );
          }
          const phase = input.phase ?? 'applied';
          if (TERMINAL_PHASES.includes(phase))
            fail(400, 'validation', 'body/phase must not be terminal');
          const id = await r.insertTerm({
            community_id: slug,
            seq: (latest?.seq ?? 0) + 1,
            start_date: input.startDate,
            end_date: endDate,
            guaranteed_service_date: gs?.date ?? null,
            guaranteed_service_precision: gs?.precision ?? null,
            phase,
            previous_term_id: latest?.id ?? null,
            previous_end_date: latest?.end_date ?? null,
            agreement_url: input.agreementUrl ?? ''
          });
          await r.addEvent({
            term_id: id,
            kind: 'created',
            from_value: null,
            to_value: phase,
            actor,
            reason: input.reason ?? ''
          });
          await r.insertChecklist(id, CHECKLIST_TEMPLATE);
          await reconcileCommunity(r, slug);
          return termDto((await r.findTerm(id)) as TermRow);
        }
      );
    },

    /** Renews the latest active term: a new row from end + 1 (or the recording day after grace). */
    async renew(
      actor: string,
      termId: number,
      input: {
        recordedOn?: IsoDate;
        endDate?: IsoDate;
        guaranteedService?: string;
        agreementUrl?: string;
        reason?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.term.renew',
        `term:${termId}`,
        { ...input },
        async r => {
          const prev = await needTerm(r, termId, true);
          if ((await r.successorOf(prev.id)) !== null) {
            fail(
              409,
              'already_renewed',
              `term ${prev.seq} already has a successor`
            );
          }
          const latest = await r.latestTerm(prev.community_id);
          if (latest && latest.id !== prev.id)
            fail(409, 'not_latest', 'only the latest term can be renewed');
          if (prev.phase !== 'active') {
            fail(
              409,
              'illegal_transition',
              `a term in phase ${prev.phase} cannot be renewed (it must be active)`
            );
          }
          const recordedOn = input.recordedOn ?? today();
          const { start, gapDays } = renewalStart(
            prev.end_date,
            recordedOn,
            policy
          );
          const endDate = input.endDate ?? defaultEnd(start);
          if (endDate < start)
            fail(400, 'validation', 'body/endDate is before the renewal start');
          const gs =
            input.guaranteedService !== undefined
              ? guaranteed(input.guaranteedService)
              : prev.guaranteed_service_date
                ? {
                    date: prev.guaranteed_service_date,
                    precision: prev.guaranteed_service_precision as 'day'
                  }
                : null;
          const id = await r.insertTerm({
            community_id: prev.community_id,
            seq: prev.seq + 1,
            start_date: start,
            end_date: endDate,
            guaranteed_service_date: gs?.date ?? null,
            guaranteed_service_precision: gs?.precision ?? null,
            phase: 'active',
            previous_term_id: prev.id,
            previous_end_date: prev.end_date,
            // The agreement link is never rolled over (amy#1935).
            agreement_url: input.agreementUrl ?? ''
          });
          await r.updateTerm(prev.id, { phase: 'renewed' });
          await r.addEvent({
            term_id: prev.id,
            kind: 'phase',
            from_value: prev.phase,
            to_value: 'renewed',
            actor,
            reason: input.reason ?? 'renewed'
          });
          await r.addEvent({
            term_id: id,
            kind: 'created',
            from_value: null,
            to_value: 'active',
            actor,
            reason: `renewal of term ${prev.seq}`
          });
          await r.insertChecklist(id, CHECKLIST_TEMPLATE);
          await reconcileCommunity(r, prev.community_id);
          return { term: termDto((await r.findTerm(id)) as TermRow), gapDays };
        }
      );
    },

    /** Moves the end later; stores the new end and the day count; a term with a successor cannot grow. */
    async extend(
      actor: string,
      termId: number,
      input: { endDate: IsoDate; reason: string }
    ) {
      return change(
        actor,
        'partnerships.term.extend',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          if (TERMINAL_PHASES.includes(t.phase as Phase))
            fail(
              409,
              'illegal_transition',
              `a ${t.phase} term cannot be extended`
            );
          if (input.endDate <= t.end_date)
            fail(400, 'validation', `body/endDate must be after ${t.end_date}`);
          if ((await r.successorOf(t.id)) !== null)
            fail(409, 'overlap', 'the next term already starts after this one');
          const days = daysBetween(t.end_date, input.endDate);
          await r.updateTerm(t.id, { end_date: input.endDate });
          await r.addExtension({
            term_id: t.id,
            previous_end: t.end_date,
            new_end: input.endDate,
            days,
            actor,
            reason: input.reason
          });
          await r.addEvent({
            term_id: t.id,
            kind: 'extension',
            from_value: t.end_date,
            to_value: input.endDate,
            actor,
            reason: input.reason
          });
          await reconcileCommunity(r, t.community_id);
          return {
            term: termDto((await r.findTerm(t.id)) as TermRow),
            extensionDays: days
          };
        }
      );
    },

    /** Edits the guaranteed-service date or the agreement link; reminders follow. */
    async editTerm(
      actor: string,
      termId: number,
      input: { guaranteedService?: string | null; agreementUrl?: string }
    ) {
      return change(
        actor,
        'partnerships.term.edit',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          const set: Parameters<PartnershipsRepository['updateTerm']>[1] = {};
          if (input.guaranteedService !== undefined) {
            const gs =
              input.guaranteedService === null
                ? null
                : guaranteed(input.guaranteedService);
            set.guaranteed_service_date = gs?.date ?? null;
            set.guaranteed_service_precision = gs?.precision ?? null;
            await r.addEvent({
              term_id: t.id,
              kind: 'edit',
              from_value: `guaranteed_service:${t.guaranteed_service_date ?? ''}`,
              to_value: `guaranteed_service:${gs?.date ?? ''}`,
              actor
            });
          }
          if (input.agreementUrl !== undefined)
            set.agreement_url = input.agreementUrl;
          await r.updateTerm(t.id, set);
          await reconcileCommunity(r, t.community_id);
          return termDto((await r.findTerm(t.id)) as TermRow);
        }
      );
    },

    /** A phase move; illegal ones are refused with 409 and logged. */
    async transition(
      actor: string,
      termId: number,
      input: { to: Phase; reason: string }
    ) {
      return change(
        actor,
        'partnerships.term.transition',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          const from = t.phase as Phase;
          if (!canTransition(from, input.to)) {
            fail(
              409,
              'illegal_transition',
              `a term cannot move from ${from} to ${input.to}`
            );
          }
          if (input.to === 'renewed' && (await r.successorOf(t.id)) === null) {
            fail(
              409,
              'illegal_transition',
              'renew the term (POST …/renew) to create its successor'
            );
          }
          await r.updateTerm(t.id, { phase: input.to });
          await r.addEvent({
            term_id: t.id,
            kind: 'phase',
            from_value: from,
            to_value: input.to,
            actor,
            reason: input.reason
          });
          await reconcileCommunity(r, t.community_id);
          return termDto((await r.findTerm(t.id)) as TermRow);
        }
      );
    },

    /** Forces a derived status until a date (null: until cleared); logged. */
    async setOverride(
      actor: string,
      termId: number,
      input: {
        status: OverrideStatus | null;
        until: IsoDate | null;
        reason: string;
      }
    ) {
      return change(
        actor,
        'partnerships.term.override',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          if (input.status && t.phase !== 'active') {
            fail(
              409,
              'illegal_transition',
              'only an active term can carry a status override'
            );
          }
          const before = t.override_status
            ? `${t.override_status}@${t.override_until ?? 'permanent'}`
            : null;
          const after = input.status
            ? `${input.status}@${input.until ?? 'permanent'}`
            : null;
          await r.updateTerm(t.id, {
            override_status: input.status,
            override_until: input.status ? input.until : null
          });
          await r.addEvent({
            term_id: t.id,
            kind: 'override',
            from_value: before,
            to_value: after,
            actor,
            reason: input.reason
          });
          return termDto((await r.findTerm(t.id)) as TermRow);
        }
      );
    },

    /** Hands a champion role to a person from a date: the old holder ends the day before, in one transaction. */
    async handover(
      actor: string,
      slug: string,
      role: ChampionRole,
      input: { person: PersonInput; startDate: IsoDate; reason?: string }
    ) {
      return change(
        actor,
        'partnerships.role.handover',
        `community:${slug}`,
        { role, ...input },
        async r => {
          await needCommunity(r, slug);
          await r.lockCommunity(slug);
          const personId = await resolvePerson(r, input.person);
          const all = (await r.listRoles(slug)).filter(x => x.role === role);
          const open = all.find(x => x.end_date === null);
          if (open && open.person_id === personId)
            fail(409, 'conflict', 'this person already holds the role');
          if (open && input.startDate <= open.start_date) {
            fail(
              409,
              'overlap',
              `the current holder started on ${open.start_date}; a handover must start later`
            );
          }
          const clash = all.find(
            x => x.end_date !== null && x.end_date >= input.startDate
          );
          if (clash)
            fail(
              409,
              'overlap',
              `${clash.person_name || 'a holder'} held the role until ${clash.end_date}`
            );
          if (open)
            await r.endRole(
              open.id,
              addDays(input.startDate, -1),
              input.reason || 'handover'
            );
          await r.insertRole({
            community_id: slug,
            role,
            person_id: personId,
            start_date: input.startDate,
            end_date: null,
            end_reason: ''
          });
          await reconcileCommunity(r, slug);
          return (await r.listRoles(slug)).map(roleDto);
        }
      );
    },

    /** Ends the current holder's assignment; the role is then vacant (and warns). */
    async endRole(
      actor: string,
      slug: string,
      role: ChampionRole,
      input: { endDate: IsoDate; reason: string }
    ) {
      return change(
        actor,
        'partnerships.role.end',
        `community:${slug}`,
        { role, ...input },
        async r => {
          await needCommunity(r, slug);
          await r.lockCommunity(slug);
          const open = await r.openRole(slug, role);
          if (!open) fail(409, 'conflict', 'the role is already vacant');
          if (input.endDate < open.start_date)
            fail(
              400,
              'validation',
              'body/endDate is before the holder started'
            );
          await r.endRole(open.id, input.endDate, input.reason);
          await reconcileCommunity(r, slug);
          return (await r.listRoles(slug)).map(roleDto);
        }
      );
    },

    /** Ticks (or unticks) a checklist item of a community the viewer may touch. */
    async tick(
      v: Viewer,
      itemId: number,
      input: { done: boolean; evidenceUrl?: string }
    ) {
      const item = await repo.checklistItem(itemId);
      if (!item) fail(404, 'not_found', `no checklist item ${itemId}`);
      const t = await needTerm(repo, item.term_id);
      await assertCanRead(v, t.community_id);
      return change(
        v.name,
        'partnerships.checklist.tick',
        `checklist:${itemId}`,
        { ...input },
        async r => {
          await r.setChecklistItem(itemId, {
            done_at: input.done ? clock.now() : null,
            done_by: input.done ? v.name : null,
            evidence_url:
              input.evidenceUrl ?? (input.done ? item.evidence_url : '')
          });
          return checklistDto((await r.checklistItem(itemId)) as ChecklistRow);
        }
      );
    },

    /** Enrols a person in a programme. */
    async enrol(
      actor: string,
      input: {
        person: PersonInput;
        communitySlug?: string | null;
        programme: string;
        cohort?: string;
        language?: string;
        status?: string;
        startedOn?: IsoDate | null;
        notes?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.enrolment.create',
        `programme:${input.programme}`,
        { ...input },
        async r => {
          if (input.communitySlug) await needCommunity(r, input.communitySlug);
          const status = input.status ?? 'invited';
          if (status === 'failed' && !input.notes)
            fail(
              400,
              'validation',
              'body/notes is required when status is failed'
            );
          const personId = await resolvePerson(r, input.person);
          if (
            await r.findEnrolmentByKey(
              personId,
              input.programme,
              input.cohort ?? ''
            )
          ) {
            fail(
              409,
              'conflict',
              'this person is already enrolled in that cohort'
            );
          }
          const id = await r.insertEnrolment({
            person_id: personId,
            community_id: input.communitySlug ?? null,
            programme: input.programme,
            cohort: input.cohort ?? '',
            language: input.language ?? 'en',
            status,
            started_on: input.startedOn ?? null,
            completed_on: null,
            notes: input.notes ?? ''
          });
          return enrolmentDto((await r.findEnrolment(id)) as EnrolmentRow);
        }
      );
    },

    /** Core Team changes an enrolment's status (a failure needs notes; completion dates may not be in the future). */
    async updateEnrolment(
      actor: string,
      id: number,
      input: {
        status?: string;
        notes?: string;
        completedOn?: IsoDate | null;
        startedOn?: IsoDate | null;
        evidenceState?: 'accepted' | 'rejected';
      }
    ) {
      return change(
        actor,
        'partnerships.enrolment.update',
        `enrolment:${id}`,
        { ...input },
        async r => {
          const e = await r.findEnrolment(id);
          if (!e) fail(404, 'not_found', `no enrolment ${id}`);
          const status = input.status ?? e.status;
          const notes = input.notes ?? e.notes;
          if (status === 'failed' && !notes)
            fail(
              400,
              'validation',
              'body/notes is required when status is failed'
            );
          if (
            input.completedOn &&
            input.completedOn > latestRecordableDate(clock.now())
          ) {
            fail(400, 'validation', 'body/completedOn is in the future');
          }
          if (input.evidenceState && e.evidence_state !== 'not_evaluated') {
            fail(
              409,
              'conflict',
              'there is no evidence waiting for evaluation'
            );
          }
          const set: Parameters<PartnershipsRepository['updateEnrolment']>[1] =
            { status, notes };
          if (input.completedOn !== undefined)
            set.completed_on = input.completedOn;
          if (input.startedOn !== undefined) set.started_on = input.startedOn;
          if (input.evidenceState) {
            set.evidence_state = input.evidenceState;
            if (
              input.evidenceState === 'accepted' &&
              input.status === undefined
            )
              set.status = 'completed';
          }
          await r.updateEnrolment(id, set);
          return enrolmentDto((await r.findEnrolment(id)) as EnrolmentRow);
        }
      );
    },

    /** A champion (or the Core Team) offers evidence of completion; it stays not evaluated until accepted. */
    async submitEvidence(
      v: Viewer,
      id: number,
      input: { evidenceUrl: string; completedOn: IsoDate }
    ) {
      const e = await repo.findEnrolment(id);
      if (!e) fail(404, 'not_found', `no enrolment ${id}`);
      if (
        !isCore(v) &&
        (!e.community_id || e.community_id !== (await ownCommunity()))
      ) {
        fail(
          403,
          'forbidden',
          "champions submit evidence only for their own community's enrolments"
        );
      }
      return change(
        v.name,
        'partnerships.enrolment.evidence',
        `enrolment:${id}`,
        { ...input },
        async r => {
          if (
            e.evidence_state === 'accepted' ||
            e.evidence_state === 'rejected'
          ) {
            fail(409, 'conflict', 'this evidence has already been evaluated');
          }
          // "Today" somewhere on Earth: the latest zone is UTC+14.
          if (input.completedOn > latestRecordableDate(clock.now())) {
            fail(400, 'validation', 'body/completedOn is in the future');
          }
          await r.updateEnrolment(id, {
            evidence_url: input.evidenceUrl,
            completed_on: input.completedOn,
            evidence_state: 'not_evaluated'
          });
          return enrolmentDto((await r.findEnrolment(id)) as EnrolmentRow);
        }
      );
    },

    /** A repeat is a new row pointing at the old one. */
    async repeat(
      actor: string,
      id: number,
      input: { cohort: string; startedOn?: IsoDate | null }
    ) {
      return change(
        actor,
        'partnerships.enrolment.repeat',
        `enrolment:${id}`,
        { ...input },
        async r => {
          const e = await r.findEnrolment(id);
          if (!e) fail(404, 'not_found', `no enrolment ${id}`);
          if (e.status === 'asked_to_repeat' || e.status === 'failed') {
            // Expected: the earlier attempt stays as it is.
          } else if (e.status !== 'withdrawn') {
            fail(
              409,
              'conflict',
              `an enrolment in status ${e.status} is not repeated`
            );
          }
          if (
            await r.findEnrolmentByKey(e.person_id, e.programme, input.cohort)
          ) {
            fail(
              409,
              'conflict',
              'this person is already enrolled in that cohort'
            );
          }
          const newId = await r.insertEnrolment({
            person_id: e.person_id,
            community_id: e.community_id,
            programme: e.programme,
            cohort: input.cohort,
            language: e.language,
            status: 'enrolled',
            started_on: input.startedOn ?? null,
            completed_on: null,
            notes: '',
            repeat_of: e.id
          });
          return enrolmentDto((await r.findEnrolment(newId)) as EnrolmentRow);
        }
      );
    },

    /** Reminders for the Core Team (all) or a champion (own community); `due` only those whose time has come. */
    async reminders(v: Viewer, due: boolean) {
      const community = isCore(v) ? undefined : await ownCommunity();
      if (!isCore(v) && !community) return [];
      const rows = await repo.reminders(
        community ? { communityId: community } : {}
      );
      const now = clock.now();
      return rows
        .filter(x => x.state === 'scheduled' && (!due || x.due_at <= now))
        .map(x => ({
          id: x.id,
          communitySlug: x.community_id,
          kind: x.kind,
          termId: x.term_id,
          anchorDate: x.anchor_date,
          offsetDays: x.offset_days,
          dueAt: x.due_at.toISOString(),
          state: x.state
        }));
    },

    /** The daily job: clears expired overrides, caches derived statuses (history row per change), reconciles reminders. */
    async daily(triggeredBy = 'system') {
      // Derived changes are the system's doing, whoever asked for the run.
      const actor = 'system';
      const day = today();
      let overridesCleared = 0;
      let statusChanges = 0;
      const communities = new Set<string>();
      await db.transaction().execute(async trx => {
        const r = createPartnershipsRepository(trx);
        for (const t of await r.listTerms()) {
          communities.add(t.community_id);
          // Terminal phases are history: their cached status never moves again.
          if (TERMINAL_PHASES.includes(t.phase as Phase)) continue;
          let current = t;
          const s = termStatus(termFacts(t), day, policy);
          if (s.overrideExpired) {
            await r.updateTerm(t.id, {
              override_status: null,
              override_until: null
            });
            await r.addEvent({
              term_id: t.id,
              kind: 'override',
              from_value: `${t.override_status}@${t.override_until}`,
              to_value: null,
              actor,
              reason: 'override expired'
            });
            overridesCleared++;
            current = { ...t, override_status: null, override_until: null };
          }
          const status = termStatus(termFacts(current), day, policy).status;
          if (status !== t.status_cache) {
            await r.updateTerm(t.id, { status_cache: status });
            await r.addEvent({
              term_id: t.id,
              kind: 'status',
              from_value: t.status_cache,
              to_value: status,
              actor,
              reason: 'daily refresh'
            });
            statusChanges++;
          }
        }
        for (const c of communities) await reconcileCommunity(r, c);
        await r.audit({
          hub_id: hubId,
          actor,
          action: 'partnerships.daily',
          target: null,
          outcome: 'ok',
          detail: { overridesCleared, statusChanges, triggeredBy }
        });
      });
      return { today: day, overridesCleared, statusChanges };
    },

    /** Everything stored about one person (their own-data export). */
    async personData(id: number) {
      const p = await repo.findPerson(id);
      if (!p) fail(404, 'not_found', `no person ${id}`);
      return {
        person: {
          id: p.id,
          name: p.name,
          email: p.email,
          githubHandle: p.github_handle
        },
        roles: (await repo.rolesOfPerson(id)).map(roleDto),
        enrolments: (await repo.listEnrolments({ personId: id })).map(
          enrolmentDto
        )
      };
    },

    /** Erases a person with their roles and enrolments. */
    async erasePerson(actor: string, id: number) {
      return change(
        actor,
        'partnerships.person.erase',
        `person:${id}`,
        {},
        async r => {
          if (!(await r.findPerson(id)))
            fail(404, 'not_found', `no person ${id}`);
          const communities = new Set(
            (await r.rolesOfPerson(id)).map(x => x.community_id)
          );
          await r.deletePerson(id);
          for (const c of communities) await reconcileCommunity(r, c);
        }
      );
    },

    resolvePerson,
    reconcileCommunity,
    change
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
}

/** The partnership service's interface. */
export type PartnershipsService = ReturnType<typeof createPartnershipsService>;
