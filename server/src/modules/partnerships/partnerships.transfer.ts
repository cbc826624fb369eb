/** CSV import (dry run, then confirm; idempotent upserts on natural keys) and export with the same headers. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http-errors.js';
import {
  CSV_HEADERS,
  parseCsv,
  unescapeFormula,
  writeCsv,
  type CsvKind
} from './partnerships.csv.js';
import {
  createPartnershipsRepository,
  type PartnershipsRepository
} from './partnerships.repository.js';
import {
  canTransition,
  defaultEnd,
  formatGuaranteedService,
  isIsoDate,
  OVERRIDE_STATUSES,
  parseGuaranteedService,
  PHASES,
  termStatus,
  type OverrideStatus,
  type Phase
} from './partnerships.rules.js';
import {
  CHAMPION_ROLES,
  CHECKLIST_TEMPLATE,
  ENROLMENT_STATUSES,
  PROGRAMMES,
  type PartnershipsService
} from './partnerships.service.js';

/** What happened (or would happen) to one row. */
export interface RowReport {
  /** The line in the file (the header is line 1). */
  line: number;
  key: string;
  action: 'create' | 'update' | 'unchanged' | 'error';
  errors: string[];
  info: string[];
}

/** The answer to an import, dry run or confirmed. */
export interface ImportReport {
  kind: CsvKind;
  dryRun: boolean;
  summary: {
    created: number;
    updated: number;
    unchanged: number;
    errors: number;
  };
  rows: RowReport[];
}

class RowError extends Error {}

class DryRunRollback extends Error {}

type Row = Record<string, string>;

function need(row: Row, column: string): string {
  const value = row[column] ?? '';
  if (!value) throw new RowError(`${column} is required`);
  return value;
}

function date(row: Row, column: string, required = false): string | null {
  const value = row[column] ?? '';
  if (!value) {
    if (required) throw new RowError(`${column} is required`);
    return null;
  }
  if (!isIsoDate(value))
    throw new RowError(
      `${column} must be a date written YYYY-MM-DD, not "${value}"`
    );
  return value;
}

function oneOf<T extends string>(
  row: Row,
  column: string,
  allowed: readonly T[],
  fallback?: T
): T {
  const value = row[column] || fallback || '';
  if (!allowed.includes(value as T)) {
    throw new RowError(
      `${column} must be one of ${allowed.join(', ')}, not "${value}"`
    );
  }
  return value as T;
}

function same(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).every(
    k => JSON.stringify(a[k]) === JSON.stringify(b[k])
  );
}

/** Import and export over the partnership tables. */
export function createTransferService(options: {
  db: Kysely<Database>;
  hubId: string;
  service: PartnershipsService;
}) {
  const { db, hubId, service } = options;

  /** Parses and checks the header; a file that cannot be read at all is a 400. */
  function readFile(kind: CsvKind, text: string): Row[] {
    let cells: string[][];
    try {
      cells = parseCsv(text);
    } catch (error) {
      throw new AppError(
        400,
        'validation',
        `body/csv is not valid CSV: ${(error as Error).message}`
      );
    }
    const header = (cells[0] ?? []).map(h => h.trim());
    const expected = CSV_HEADERS[kind];
    if (!expected.every((name, i) => header[i] === name)) {
      throw new AppError(
        400,
        'validation',
        `body/csv must start with the header ${expected.join(',')}`
      );
    }
    return cells
      .slice(1)
      .map(line =>
        Object.fromEntries(
          header.map((name, i) => [
            name,
            unescapeFormula((line[i] ?? '').trim())
          ])
        )
      );
  }

  async function person(r: PartnershipsRepository, row: Row, info: string[]) {
    const email = row.person_email ?? '';
    const github = (row.github_handle ?? '').replace(/^@/, '');
    if (!email && !github)
      throw new RowError('person_email or github_handle is required');
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email))
      throw new RowError(`person_email "${email}" is not an email address`);
    const byEmail = email ? await r.findPersonByEmail(email) : undefined;
    const byGithub =
      !byEmail && github ? await r.findPersonByGithub(github) : undefined;
    if (byGithub) info.push(`matched ${github} by GitHub handle`);
    const found = byEmail ?? byGithub;
    const name = row.person_name ?? '';
    if (found) {
      const set: { name?: string; email?: string; github_handle?: string } = {};
      if (name && name !== found.name) set.name = name;
      if (email && !found.email) set.email = email;
      if (github && !found.github_handle) set.github_handle = github;
      if (Object.keys(set).length) await r.updatePerson(found.id, set);
      return { id: found.id, changed: Object.keys(set).length > 0 };
    }
    info.push(`new person ${email || github}`);
    const id = await r.insertPerson({
      name,
      email: email || null,
      github_handle: github || null
    });
    return { id, changed: true };
  }

  const importers: Record<
    CsvKind,
    (
      r: PartnershipsRepository,
      row: Row,
      info: string[],
      actor: string
    ) => Promise<'create' | 'update' | 'unchanged'>
  > = {
    async communities(r, row) {
      const slug = need(row, 'community_slug');
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug))
        throw new RowError(
          'community_slug must be lower-case letters, digits and dashes'
        );
      const values = {
        id: slug,
        name: need(row, 'name'),
        country: row.country ?? '',
        region: row.region ?? '',
        language: row.language || 'en',
        website: row.website ?? ''
      };
      const existing = await r.findCommunity(slug);
      if (
        existing &&
        same(values, existing as unknown as Record<string, unknown>)
      )
        return 'unchanged';
      await r.upsertCommunity(values);
      return existing ? 'update' : 'create';
    },

    async hubs(r, row) {
      const slug = need(row, 'community_slug');
      if (!(await r.findCommunity(slug)))
        throw new RowError(
          `community ${slug} does not exist (import communities.csv first)`
        );
      const id = need(row, 'hub_name');
      const values = {
        community_id: slug,
        cluster: row.cluster ?? '',
        domain: row.domain ?? '',
        provider: row.provider ?? '',
        region: row.region ?? '',
        auth: row.auth ?? '',
        admin_users: (row.admin_users ?? '').split(/[;\s]+/).filter(Boolean),
        deployed_on: date(row, 'deployed_on'),
        decommissioned_on: date(row, 'decommissioned_on')
      };
      const existing = await r.findHub(id);
      if (
        existing &&
        same(values, existing as unknown as Record<string, unknown>)
      )
        return 'unchanged';
      await r.upsertHub({
        id,
        name: existing?.name ?? id,
        decommission_proposed_on: existing?.decommission_proposed_on ?? null,
        data_disposition: existing?.data_disposition ?? '',
        ...values
      });
      return existing ? 'update' : 'create';
    },

    async terms(r, row, info, actor) {
      const slug = need(row, 'community_slug');
      if (!(await r.findCommunity(slug)))
        throw new RowError(
          `community ${slug} does not exist (import communities.csv first)`
        );
      const seq = Number(need(row, 'term_seq'));
      if (!Number.isInteger(seq) || seq < 1)
        throw new RowError('term_seq must be a whole number from 1');
      const start = date(row, 'start_date', true) as string;
      const end = date(row, 'end_date') ?? defaultEnd(start);
      if (!row.end_date) info.push(`end_date defaults to ${end}`);
      if (end < start) throw new RowError('end_date is before start_date');
      const gsText = row.guaranteed_service_date ?? '';
      const gs = gsText ? parseGuaranteedService(gsText) : null;
      if (gsText && !gs)
        throw new RowError(
          'guaranteed_service_date must be YYYY-MM-DD, YYYY-MM or YYYY'
        );
      const phase = oneOf<Phase>(row, 'phase', PHASES, 'applied');
      const prevSeq = row.previous_term_seq
        ? Number(row.previous_term_seq)
        : seq > 1
          ? seq - 1
          : null;
      if (prevSeq !== (seq > 1 ? seq - 1 : null))
        throw new RowError(
          `previous_term_seq must be ${seq > 1 ? seq - 1 : 'empty'}`
        );
      const override = row.override_status
        ? oneOf<OverrideStatus>(row, 'override_status', OVERRIDE_STATUSES)
        : null;
      const overrideUntil = date(row, 'override_until');
      if (overrideUntil && !override)
        throw new RowError('override_until needs override_status');
      const values = {
        start_date: start,
        end_date: end,
        guaranteed_service_date: gs?.date ?? null,
        guaranteed_service_precision: gs?.precision ?? null,
        phase,
        agreement_url: row.agreement_url ?? '',
        override_status: override,
        override_until: override ? overrideUntil : null
      };
      const terms = await r.listTerms(slug);
      const existing = terms.find(t => t.seq === seq);
      if (existing) {
        if (same(values, existing as unknown as Record<string, unknown>))
          return 'unchanged';
        if (
          existing.phase !== phase &&
          !canTransition(existing.phase as Phase, phase)
        ) {
          throw new RowError(
            `phase cannot move from ${existing.phase} to ${phase}`
          );
        }
        const next = terms.find(t => t.seq === seq + 1);
        if (next && end >= next.start_date)
          throw new RowError(
            `end_date overlaps term ${next.seq}, which starts ${next.start_date}`
          );
        const prev = terms.find(t => t.seq === seq - 1);
        if (prev && start <= prev.end_date)
          throw new RowError(
            `start_date overlaps term ${prev.seq}, which ends ${prev.end_date}`
          );
        await r.updateTerm(existing.id, values);
        if (existing.phase !== phase) {
          await r.addEvent({
            term_id: existing.id,
            kind: 'phase',
            from_value: existing.phase,
            to_value: phase,
            actor,
            reason: 'import'
          });
        }
        if (existing.end_date !== end) {
          await r.addEvent({
            term_id: existing.id,
            kind: 'edit',
            from_value: `end:${existing.end_date}`,
            to_value: `end:${end}`,
            actor,
            reason: 'import'
          });
        }
        await service.reconcileCommunity(r, slug);
        return 'update';
      }
      const latest = terms[terms.length - 1];
      if ((latest?.seq ?? 0) + 1 !== seq)
        throw new RowError(
          `the next term of ${slug} is number ${(latest?.seq ?? 0) + 1}`
        );
      if (latest && start <= latest.end_date)
        throw new RowError(
          `start_date overlaps term ${latest.seq}, which ends ${latest.end_date}`
        );
      const id = await r.insertTerm({
        community_id: slug,
        seq,
        previous_term_id: latest?.id ?? null,
        previous_end_date: latest?.end_date ?? null,
        ...values
      });
      await r.addEvent({
        term_id: id,
        kind: 'created',
        from_value: null,
        to_value: phase,
        actor,
        reason: 'import'
      });
      await r.insertChecklist(id, CHECKLIST_TEMPLATE);
      await service.reconcileCommunity(r, slug);
      return 'create';
    },

    async roles(r, row, info) {
      const slug = need(row, 'community_slug');
      if (!(await r.findCommunity(slug)))
        throw new RowError(
          `community ${slug} does not exist (import communities.csv first)`
        );
      const role = oneOf(row, 'role', CHAMPION_ROLES);
      const start = date(row, 'start_date', true) as string;
      const end = date(row, 'end_date');
      if (end && end < start)
        throw new RowError('end_date is before start_date');
      const who = await person(r, row, info);
      const all = (await r.listRoles(slug)).filter(x => x.role === role);
      const existing = all.find(
        x => x.person_id === who.id && x.start_date === start
      );
      const endReason = row.end_reason ?? '';
      const others = all.filter(x => x !== existing);
      const clash = others.find(
        x =>
          x.start_date <= (end ?? '9999-12-31') &&
          (x.end_date ?? '9999-12-31') >= start
      );
      if (clash)
        throw new RowError(
          `overlaps ${clash.person_name || clash.person_email || 'another holder'} (${clash.start_date}…${clash.end_date ?? 'present'})`
        );
      if (existing) {
        if (existing.end_date === end && existing.end_reason === endReason)
          return who.changed ? 'update' : 'unchanged';
        await r.setRoleEnd(existing.id, end, endReason);
        await service.reconcileCommunity(r, slug);
        return 'update';
      }
      await r.insertRole({
        community_id: slug,
        role,
        person_id: who.id,
        start_date: start,
        end_date: end,
        end_reason: endReason
      });
      await service.reconcileCommunity(r, slug);
      return 'create';
    },

    async enrolments(r, row, info) {
      const slug = row.community_slug || null;
      if (slug && !(await r.findCommunity(slug)))
        throw new RowError(
          `community ${slug} does not exist (import communities.csv first)`
        );
      const programme = oneOf(row, 'programme', PROGRAMMES);
      const status = oneOf(row, 'status', ENROLMENT_STATUSES, 'invited');
      const values = {
        community_id: slug,
        language: row.language || 'en',
        status,
        started_on: date(row, 'started_on'),
        completed_on: date(row, 'completed_on')
      };
      const who = await person(r, row, info);
      const cohort = row.cohort ?? '';
      const existing = await r.findEnrolmentByKey(who.id, programme, cohort);
      if (existing) {
        if (same(values, existing as unknown as Record<string, unknown>))
          return who.changed ? 'update' : 'unchanged';
        await r.updateEnrolment(existing.id, {
          ...values,
          notes:
            status === 'failed' && !existing.notes
              ? 'imported as failed'
              : existing.notes
        });
        return 'update';
      }
      await r.insertEnrolment({
        person_id: who.id,
        programme,
        cohort,
        ...values,
        notes: status === 'failed' ? 'imported as failed' : ''
      });
      return 'create';
    }
  };

  return {
    /** Dry run (nothing is kept) or confirm (valid rows are written; malformed rows are reported and skipped). */
    async importCsv(
      actor: string,
      kind: CsvKind,
      text: string,
      confirm: boolean
    ): Promise<ImportReport> {
      const rows = readFile(kind, text);
      const reports: RowReport[] = [];
      try {
        await db.transaction().execute(async trx => {
          const r = createPartnershipsRepository(trx);
          for (const [i, row] of rows.entries()) {
            const report: RowReport = {
              line: i + 2,
              key: [
                row.community_slug,
                row.hub_name,
                row.term_seq,
                row.role,
                row.person_email || row.github_handle,
                row.programme,
                row.cohort
              ]
                .filter(Boolean)
                .join('/'),
              action: 'unchanged',
              errors: [],
              info: []
            };
            // A savepoint per row: one bad row must not spoil the rows around it.
            await sql`savepoint import_row`.execute(trx);
            try {
              report.action = await importers[kind](r, row, report.info, actor);
              await sql`release savepoint import_row`.execute(trx);
            } catch (error) {
              await sql`rollback to savepoint import_row`.execute(trx);
              if (error instanceof RowError) report.errors.push(error.message);
              else if ((error as { code?: string }).code?.startsWith('23')) {
                report.errors.push(
                  `refused by the database: ${(error as Error).message}`
                );
              } else throw error;
              report.action = 'error';
            }
            reports.push(report);
          }
          // A dry run keeps nothing: roll the whole transaction back.
          if (!confirm) throw new DryRunRollback();
          await r.audit({
            hub_id: hubId,
            actor,
            action: 'partnerships.import',
            target: kind,
            outcome: 'ok',
            detail: summarise(reports)
          });
        });
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
        await createPartnershipsRepository(db).audit({
          hub_id: hubId,
          actor,
          action: 'partnerships.import',
          target: kind,
          outcome: 'dry-run',
          detail: summarise(reports)
        });
      }
      return {
        kind,
        dryRun: !confirm,
        summary: summarise(reports),
        rows: reports
      };
    },

    /** The CSV of one kind, with the import's headers (plus `status,days_left` for terms when asked). */
    async exportCsv(kind: CsvKind, withStatus = false): Promise<string> {
      const r = createPartnershipsRepository(db);
      const header: string[] = [...CSV_HEADERS[kind]];
      let rows: string[][];
      if (kind === 'communities') {
        rows = (await r.listCommunities()).map(c => [
          c.id,
          c.name,
          c.country,
          c.region,
          c.language,
          c.website
        ]);
      } else if (kind === 'hubs') {
        rows = (await r.listHubs())
          .filter(h => h.community_id)
          .map(h => [
            h.community_id as string,
            h.cluster,
            h.id,
            h.domain,
            h.provider,
            h.region,
            h.auth,
            h.admin_users.join(';'),
            h.deployed_on ?? '',
            h.decommissioned_on ?? ''
          ]);
      } else if (kind === 'terms') {
        const terms = await r.listTerms();
        const seqOf = new Map(terms.map(t => [t.id, t.seq]));
        const today = service.today();
        if (withStatus) header.push('status', 'days_left');
        rows = terms.map(t => {
          const line = [
            t.community_id,
            String(t.seq),
            t.start_date,
            t.end_date,
            formatGuaranteedService(
              t.guaranteed_service_date,
              t.guaranteed_service_precision
            ),
            t.phase,
            t.previous_term_id ? String(seqOf.get(t.previous_term_id)) : '',
            t.agreement_url,
            t.override_status ?? '',
            t.override_until ?? ''
          ];
          if (withStatus) {
            const s = termStatus(
              {
                startDate: t.start_date,
                endDate: t.end_date,
                phase: t.phase as Phase,
                overrideStatus: t.override_status as OverrideStatus | null,
                overrideUntil: t.override_until,
                guaranteedServiceDate: t.guaranteed_service_date
              },
              today
            );
            line.push(s.status, String(s.daysLeft));
          }
          return line;
        });
      } else if (kind === 'roles') {
        rows = (await r.listRoles()).map(x => [
          x.community_id,
          x.role,
          x.person_email ?? '',
          x.person_name,
          x.github_handle ?? '',
          x.start_date,
          x.end_date ?? '',
          x.end_reason
        ]);
      } else {
        rows = (await r.listEnrolments()).map(e => [
          e.person_email ?? '',
          e.github_handle ?? '',
          e.community_id ?? '',
          e.programme,
          e.cohort,
          e.language,
          e.status,
          e.started_on ?? '',
          e.completed_on ?? ''
        ]);
      }
      return writeCsv(header, rows);
    }
  };
}

function summarise(rows: RowReport[]) {
  return {
    created: rows.filter(r => r.action === 'create').length,
    updated: rows.filter(r => r.action === 'update').length,
    unchanged: rows.filter(r => r.action === 'unchanged').length,
    errors: rows.filter(r => r.action === 'error').length
  };
}

/** The transfer service's interface. */
export type TransferService = ReturnType<typeof createTransferService>;
