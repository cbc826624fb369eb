/** Queries on the partnership tables; no HTTP and no rules here. Dates are read as ISO text. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';

/** A database handle or an open transaction. */
export type Db = Kysely<Database> | Transaction<Database>;

/** `col::text`: pg would otherwise turn a `date` into a local-midnight Date. */
function isoDate(column: string) {
  return sql<string>`${sql.ref(column)}::text`;
}
function isoDateOrNull(column: string) {
  return sql<string | null>`${sql.ref(column)}::text`;
}

/** A community row. */
export interface CommunityRow {
  id: string;
  name: string;
  country: string;
  region: string;
  language: string;
  website: string;
}

/** A hub row with its deployment facts. */
export interface HubRow {
  id: string;
  community_id: string | null;
  name: string;
  url: string;
  cluster: string;
  domain: string;
  provider: string;
  region: string;
  auth: string;
  admin_users: string[];
  deployed_on: string | null;
  decommission_proposed_on: string | null;
  decommissioned_on: string | null;
  data_disposition: string;
}

/** A term row. */
export interface TermRow {
  id: number;
  community_id: string;
  seq: number;
  start_date: string;
  end_date: string;
  guaranteed_service_date: string | null;
  guaranteed_service_precision: string | null;
  phase: string;
  previous_term_id: number | null;
  agreement_url: string;
  override_status: string | null;
  override_until: string | null;
  status_cache: string | null;
}

/** A role assignment with its holder. */
export interface RoleRow {
  id: number;
  community_id: string;
  role: string;
  person_id: number;
  person_name: string;
  person_email: string | null;
  github_handle: string | null;
  start_date: string;
  end_date: string | null;
  end_reason: string;
}

/** A person. */
export interface PersonRow {
  id: number;
  name: string;
  email: string | null;
  github_handle: string | null;
}

/** An enrolment with its person. */
export interface EnrolmentRow {
  id: number;
  person_id: number;
  person_name: string;
  person_email: string | null;
  github_handle: string | null;
  community_id: string | null;
  programme: string;
  cohort: string;
  language: string;
  status: string;
  started_on: string | null;
  completed_on: string | null;
  notes: string;
  evidence_url: string;
  evidence_state: string;
  repeat_of: number | null;
}

/** A checklist item. */
export interface ChecklistRow {
  id: number;
  term_id: number;
  key: string;
  position: number;
  done_at: Date | null;
  done_by: string | null;
  evidence_url: string;
}

/** A reminder. */
export interface ReminderRow {
  id: number;
  key: string;
  community_id: string;
  term_id: number | null;
  kind: string;
  anchor_date: string;
  offset_days: number;
  due_at: Date;
  state: string;
  recipients: string[];
}

/** Whose inbox: the recipient kinds they answer for, their community (none: all), and the reader. */
export interface InboxFilter {
  communityId?: string;
  recipients: string[];
  hubId: string;
  userName: string;
}

/** A delivered reminder with this reader's read time. */
export type InboxRow = ReminderRow & { sent_at: Date; read_at: Date | null };

const termColumns = [
  'id',
  'community_id',
  'seq',
  'phase',
  'previous_term_id',
  'agreement_url',
  'override_status',
  'guaranteed_service_precision',
  'status_cache'
] as const;

/** Partnership queries over one database handle. */
export function createPartnershipsRepository(db: Db) {
  /** A person's columns; the finders differ only in how they pick the person. */
  const people = () =>
    db
      .selectFrom('partnership_people')
      .select(['id', 'name', 'email', 'github_handle']);

  const terms = () =>
    db
      .selectFrom('partnership_terms')
      .select(termColumns)
      .select([
        isoDate('start_date').as('start_date'),
        isoDate('end_date').as('end_date'),
        isoDateOrNull('guaranteed_service_date').as('guaranteed_service_date'),
        isoDateOrNull('override_until').as('override_until')
      ]);

  const roles = () =>
    db
      .selectFrom('partnership_roles as r')
      .innerJoin('partnership_people as p', 'p.id', 'r.person_id')
      .select([
        'r.id',
        'r.community_id',
        'r.role',
        'r.person_id',
        'p.name as person_name',
        'p.email as person_email',
        'p.github_handle',
        'r.end_reason',
        isoDate('r.start_date').as('start_date'),
        isoDateOrNull('r.end_date').as('end_date')
      ]);

  /** A reminder's columns, the anchor date as ISO text; the list and the inbox share them. */
  const reminderRows = () =>
    db
      .selectFrom('partnership_reminders as r')
      .select([
        'r.id',
        'r.key',
        'r.community_id',
        'r.term_id',
        'r.kind',
        'r.offset_days',
        'r.due_at',
        'r.state',
        'r.recipients',
        isoDate('r.anchor_date').as('anchor_date')
      ]);

  /** The reader's inbox: delivered reminders for their recipients (and community), with their read time. */
  const delivered = (filter: InboxFilter) => {
    let q = reminderRows()
      .leftJoin('partnership_reminder_reads as rr', join =>
        join
          .onRef('rr.reminder_id', '=', 'r.id')
          .on('rr.hub_id', '=', filter.hubId)
          .on('rr.user_name', '=', filter.userName)
      )
      .select(['r.sent_at', 'rr.read_at'])
      .where('r.state', '=', 'sent')
      .where(sql<boolean>`r.recipients && ${filter.recipients}::text[]`);
    if (filter.communityId)
      q = q.where('r.community_id', '=', filter.communityId);
    return q;
  };

  const enrolments = () =>
    db
      .selectFrom('partnership_enrolments as e')
      .innerJoin('partnership_people as p', 'p.id', 'e.person_id')
      .select([
        'e.id',
        'e.person_id',
        'p.name as person_name',
        'p.email as person_email',
        'p.github_handle',
        'e.community_id',
        'e.programme',
        'e.cohort',
        'e.language',
        'e.status',
        'e.notes',
        'e.evidence_url',
        'e.evidence_state',
        'e.repeat_of',
        isoDateOrNull('e.started_on').as('started_on'),
        isoDateOrNull('e.completed_on').as('completed_on')
      ]);

  const hubs = () =>
    db
      .selectFrom('hubs')
      .select([
        'id',
        'community_id',
        'name',
        'url',
        'cluster',
        'domain',
        'provider',
        'region',
        'auth',
        'admin_users',
        'data_disposition',
        isoDateOrNull('deployed_on').as('deployed_on'),
        isoDateOrNull('decommission_proposed_on').as(
          'decommission_proposed_on'
        ),
        isoDateOrNull('decommissioned_on').as('decommissioned_on')
      ]);

  return {
    async listCommunities(): Promise<CommunityRow[]> {
      return db
        .selectFrom('communities')
        .select(['id', 'name', 'country', 'region', 'language', 'website'])
        .orderBy('id')
        .execute();
    },

    async findCommunity(id: string): Promise<CommunityRow | undefined> {
      return db
        .selectFrom('communities')
        .select(['id', 'name', 'country', 'region', 'language', 'website'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async upsertCommunity(row: CommunityRow): Promise<void> {
      const { name, country, region, language, website } = row;
      await db
        .insertInto('communities')
        .values(row)
        .onConflict(oc =>
          oc
            .column('id')
            .doUpdateSet({ name, country, region, language, website })
        )
        .execute();
    },

    /** The community this instance's hub belongs to. */
    async communityOfHub(hubId: string): Promise<string | null> {
      const row = await db
        .selectFrom('hubs')
        .select('community_id')
        .where('id', '=', hubId)
        .executeTakeFirst();
      return row?.community_id ?? null;
    },

    async listHubs(communityId?: string): Promise<HubRow[]> {
      let q = hubs();
      if (communityId) q = q.where('community_id', '=', communityId);
      return q.orderBy('id').execute();
    },

    async findHub(id: string): Promise<HubRow | undefined> {
      return hubs().where('id', '=', id).executeTakeFirst();
    },

    async upsertHub(
      row: Omit<HubRow, 'url'> & { url?: string }
    ): Promise<void> {
      const { id, url, ...rest } = row;
      await db
        .insertInto('hubs')
        .values({ ...row, url: url ?? '' })
        .onConflict(oc => oc.column('id').doUpdateSet(rest))
        .execute();
      void id;
    },

    async updateHubDates(
      id: string,
      set: Partial<{
        deployed_on: string | null;
        decommission_proposed_on: string | null;
        decommissioned_on: string | null;
        data_disposition: string;
      }>
    ): Promise<void> {
      await db.updateTable('hubs').set(set).where('id', '=', id).execute();
    },

    async linkHub(hubId: string, communityId: string): Promise<void> {
      await db
        .updateTable('hubs')
        .set({ community_id: communityId })
        .where('id', '=', hubId)
        .execute();
    },

    async listTerms(communityId?: string): Promise<TermRow[]> {
      let q = terms();
      if (communityId) q = q.where('community_id', '=', communityId);
      return q.orderBy('community_id').orderBy('seq').execute();
    },

    async findTerm(id: number): Promise<TermRow | undefined> {
      return terms().where('id', '=', id).executeTakeFirst();
    },

    /** The term, row-locked until the transaction ends (serialises renewals and edits). */
    async lockTerm(id: number): Promise<TermRow | undefined> {
      return terms().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** Locks the community row: creating terms and handing over roles queue behind each other. */
    async lockCommunity(id: string): Promise<boolean> {
      const row = await db
        .selectFrom('communities')
        .select('id')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return !!row;
    },

    async latestTerm(communityId: string): Promise<TermRow | undefined> {
      return terms()
        .where('community_id', '=', communityId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async successorOf(termId: number): Promise<number | null> {
      const row = await db
        .selectFrom('partnership_terms')
        .select('id')
        .where('previous_term_id', '=', termId)
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async insertTerm(row: {
      community_id: string;
      seq: number;
      start_date: string;
      end_date: string;
      guaranteed_service_date: string | null;
      guaranteed_service_precision: string | null;
      phase: string;
      previous_term_id: number | null;
      previous_end_date: string | null;
      agreement_url: string;
      override_status?: string | null;
      override_until?: string | null;
    }): Promise<number> {
      const inserted = await db
        .insertInto('partnership_terms')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    async updateTerm(
      id: number,
      set: Partial<{
        start_date: string;
        end_date: string;
        guaranteed_service_date: string | null;
        guaranteed_service_precision: string | null;
        phase: string;
        agreement_url: string;
        override_status: string | null;
        override_until: string | null;
        status_cache: string | null;
      }>
    ): Promise<void> {
      await db
        .updateTable('partnership_terms')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    },

    async addEvent(event: {
      term_id: number;
      kind: string;
      from_value: string | null;
      to_value: string | null;
      actor: string;
      reason?: string;
    }): Promise<void> {
      await db.insertInto('partnership_term_events').values(event).execute();
    },

    async events(termId: number) {
      return db
        .selectFrom('partnership_term_events')
        .select([
          'id',
          'kind',
          'from_value',
          'to_value',
          'at',
          'actor',
          'reason'
        ])
        .where('term_id', '=', termId)
        .orderBy('id')
        .execute();
    },

    async addExtension(row: {
      term_id: number;
      previous_end: string;
      new_end: string;
      days: number;
      actor: string;
      reason: string;
    }): Promise<void> {
      await db.insertInto('partnership_term_extensions').values(row).execute();
    },

    async extensions(termId: number) {
      return db
        .selectFrom('partnership_term_extensions')
        .select([
          'id',
          'days',
          'at',
          'actor',
          'reason',
          isoDate('previous_end').as('previous_end'),
          isoDate('new_end').as('new_end')
        ])
        .where('term_id', '=', termId)
        .orderBy('id')
        .execute();
    },

    async findPersonByEmail(email: string): Promise<PersonRow | undefined> {
      return people()
        .where(sql<string>`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst();
    },

    async findPersonByGithub(handle: string): Promise<PersonRow | undefined> {
      return people()
        .where(sql<string>`lower(github_handle)`, '=', handle.toLowerCase())
        .executeTakeFirst();
    },

    async findPerson(id: number): Promise<PersonRow | undefined> {
      return people().where('id', '=', id).executeTakeFirst();
    },

    async insertPerson(row: Omit<PersonRow, 'id'>): Promise<number> {
      const inserted = await db
        .insertInto('partnership_people')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    async updatePerson(id: number, set: Partial<Omit<PersonRow, 'id'>>) {
      await db
        .updateTable('partnership_people')
        .set(set)
        .where('id', '=', id)
        .execute();
    },

    async deletePerson(id: number): Promise<void> {
      await db.deleteFrom('partnership_people').where('id', '=', id).execute();
    },

    async listRoles(communityId?: string): Promise<RoleRow[]> {
      let q = roles();
      if (communityId) q = q.where('r.community_id', '=', communityId);
      return q
        .orderBy('r.community_id')
        .orderBy('r.role')
        .orderBy('r.start_date')
        .execute();
    },

    async rolesOfPerson(personId: number): Promise<RoleRow[]> {
      return roles()
        .where('r.person_id', '=', personId)
        .orderBy('r.id')
        .execute();
    },

    async openRole(
      communityId: string,
      role: string
    ): Promise<RoleRow | undefined> {
      return roles()
        .where('r.community_id', '=', communityId)
        .where('r.role', '=', role)
        .where('r.end_date', 'is', null)
        .executeTakeFirst();
    },

    async setRoleEnd(
      id: number,
      endDate: string | null,
      reason: string
    ): Promise<void> {
      await db
        .updateTable('partnership_roles')
        .set({ end_date: endDate, end_reason: reason })
        .where('id', '=', id)
        .execute();
    },

    async endRole(id: number, endDate: string, reason: string): Promise<void> {
      await db
        .updateTable('partnership_roles')
        .set({ end_date: endDate, end_reason: reason })
        .where('id', '=', id)
        .execute();
    },

    async insertRole(row: {
      community_id: string;
      role: string;
      person_id: number;
      start_date: string;
      end_date: string | null;
      end_reason: string;
    }): Promise<number> {
      const inserted = await db
        .insertInto('partnership_roles')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    /** Done and total checklist items of every term, by term id (one query for the whole table). */
    async checklistCounts(): Promise<
      Map<number, { done: number; total: number }>
    > {
      const rows = await db
        .selectFrom('partnership_checklist_items')
        .select([
          'term_id',
          sql<string>`count(*)`.as('total'),
          sql<string>`count(done_at)`.as('done')
        ])
        .groupBy('term_id')
        .execute();
      return new Map(
        rows.map(r => [
          r.term_id,
          { done: Number(r.done), total: Number(r.total) }
        ])
      );
    },

    async checklist(termId: number): Promise<ChecklistRow[]> {
      return db
        .selectFrom('partnership_checklist_items')
        .selectAll()
        .where('term_id', '=', termId)
        .orderBy('position')
        .execute();
    },

    async checklistItem(id: number): Promise<ChecklistRow | undefined> {
      return db
        .selectFrom('partnership_checklist_items')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insertChecklist(
      termId: number,
      keys: readonly string[]
    ): Promise<void> {
      if (!keys.length) return;
      await db
        .insertInto('partnership_checklist_items')
        .values(
          keys.map((key, position) => ({ term_id: termId, key, position }))
        )
        .onConflict(oc => oc.columns(['term_id', 'key']).doNothing())
        .execute();
    },

    async setChecklistItem(
      id: number,
      set: {
        done_at: Date | null;
        done_by: string | null;
        evidence_url: string;
      }
    ): Promise<void> {
      await db
        .updateTable('partnership_checklist_items')
        .set(set)
        .where('id', '=', id)
        .execute();
    },

    async listEnrolments(
      filter: {
        communityId?: string;
        personId?: number;
      } = {}
    ): Promise<EnrolmentRow[]> {
      let q = enrolments();
      if (filter.communityId)
        q = q.where('e.community_id', '=', filter.communityId);
      if (filter.personId) q = q.where('e.person_id', '=', filter.personId);
      return q.orderBy('e.id').execute();
    },

    async findEnrolment(id: number): Promise<EnrolmentRow | undefined> {
      return enrolments().where('e.id', '=', id).executeTakeFirst();
    },

    async findEnrolmentByKey(
      personId: number,
      programme: string,
      cohort: string
    ): Promise<EnrolmentRow | undefined> {
      return enrolments()
        .where('e.person_id', '=', personId)
        .where('e.programme', '=', programme)
        .where('e.cohort', '=', cohort)
        .executeTakeFirst();
    },

    async insertEnrolment(row: {
      person_id: number;
      community_id: string | null;
      programme: string;
      cohort: string;
      language: string;
      status: string;
      started_on: string | null;
      completed_on: string | null;
      notes: string;
      repeat_of?: number | null;
    }): Promise<number> {
      const inserted = await db
        .insertInto('partnership_enrolments')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    async updateEnrolment(
      id: number,
      set: Partial<{
        community_id: string | null;
        language: string;
        status: string;
        started_on: string | null;
        completed_on: string | null;
        notes: string;
        evidence_url: string;
        evidence_state: string;
      }>
    ): Promise<void> {
      await db
        .updateTable('partnership_enrolments')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    },

    async reminders(filter: {
      communityId?: string;
      termId?: number;
      prefix?: string;
    }) {
      let q = reminderRows();
      if (filter.communityId)
        q = q.where('r.community_id', '=', filter.communityId);
      if (filter.termId) q = q.where('r.term_id', '=', filter.termId);
      if (filter.prefix) q = q.where('r.key', 'like', `${filter.prefix}%`);
      return q.orderBy('r.due_at').orderBy('r.id').execute() as Promise<
        ReminderRow[]
      >;
    },

    /** Makes scheduled reminders due within the next hour due now (the demo seed's history). */
    async bringOverdueRemindersForward(now: Date): Promise<void> {
      await db
        .updateTable('partnership_reminders')
        .set({ due_at: now })
        .where('state', '=', 'scheduled')
        .where('due_at', '<=', new Date(now.getTime() + 3600 * 1000))
        .execute();
    },

    /** Delivers due reminders in-product: scheduled ones whose time has come become sent. */
    async deliverDueReminders(now: Date): Promise<number> {
      const rows = await db
        .updateTable('partnership_reminders')
        .set({ state: 'sent', sent_at: now, updated_at: sql<Date>`now()` })
        .where('state', '=', 'scheduled')
        .where('due_at', '<=', now)
        .returning('id')
        .execute();
      return rows.length;
    },

    /** Delivered reminders addressed to any of `recipients`, newest first, with this reader's read time. */
    async reminderInbox(filter: InboxFilter): Promise<InboxRow[]> {
      return delivered(filter)
        .orderBy('r.sent_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(200)
        .execute() as Promise<InboxRow[]>;
    },

    /** One reminder of that inbox, or undefined when it is not delivered to this reader. */
    async inboxReminder(
      filter: InboxFilter & { id: number }
    ): Promise<InboxRow | undefined> {
      return delivered(filter)
        .where('r.id', '=', filter.id)
        .executeTakeFirst() as Promise<InboxRow | undefined>;
    },

    /** Forgets who read a reminder: a re-armed reminder is new to everyone. */
    async clearReminderReads(key: string): Promise<void> {
      await db
        .deleteFrom('partnership_reminder_reads')
        .where('reminder_id', 'in', q =>
          q
            .selectFrom('partnership_reminders')
            .select('id')
            .where('key', '=', key)
        )
        .execute();
    },

    /** Records that this hub user has read a reminder (again: no change). */
    async markReminderRead(
      reminderId: number,
      hubId: string,
      userName: string,
      at: Date
    ): Promise<void> {
      await db
        .insertInto('partnership_reminder_reads')
        .values({
          reminder_id: reminderId,
          hub_id: hubId,
          user_name: userName,
          read_at: at
        })
        .onConflict(oc =>
          oc.columns(['reminder_id', 'hub_id', 'user_name']).doNothing()
        )
        .execute();
    },

    async insertReminder(row: {
      key: string;
      community_id: string;
      term_id: number | null;
      kind: string;
      anchor_date: string;
      offset_days: number;
      due_at: string;
      recipients: string[];
    }): Promise<void> {
      await db.insertInto('partnership_reminders').values(row).execute();
    },

    async updateReminder(
      key: string,
      set: Partial<{
        anchor_date: string;
        offset_days: number;
        due_at: string;
        state: string;
        recipients: string[];
        sent_at: Date | null;
      }>
    ): Promise<void> {
      await db
        .updateTable('partnership_reminders')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('key', '=', key)
        .execute();
    },

    async audit(entry: {
      hub_id: string;
      actor: string;
      action: string;
      target: string | null;
      outcome: string;
      detail: Record<string, unknown>;
    }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({ ...entry, detail: JSON.stringify(entry.detail) })
        .execute();
    },

    async isEmpty(): Promise<boolean> {
      const row = await db
        .selectFrom('partnership_terms')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n === 0;
    }
  };
}

/** The repository's interface. */
export type PartnershipsRepository = ReturnType<
  typeof createPartnershipsRepository
>;
