/** Feedback rules over the repository: submission, following, support, moderation, triage and personal data. */
import { randomUUID } from 'node:crypto';
import { AppError, type ErrorCode } from '../../http-errors.js';
import {
  bodyHash,
  receiptHash,
  type AnonymityKeys
} from './feedback.anonymity.js';
import { exportFile, type ExportFile } from './feedback.export.js';
import type {
  ConsultationRow,
  FeedbackQueries,
  FeedbackRepository,
  ItemRow,
  ResponseRow
} from './feedback.repository.js';
import {
  REPORTS_TO_HIDE,
  TOPICS,
  checkTransition,
  notifiesAuthor,
  consultationChangeRefusal,
  consultationStatus,
  isSupportable,
  mergeTargetRefusal,
  secondsToUtcMidnight,
  suppressCells,
  utcDate,
  type State
} from './feedback.rules.js';
import type { ItemWrite } from './feedback.item-writer.js';
import type { SubmissionOutcome } from './feedback.submission-writer.js';
import type { SecondLimiter } from './feedback.rate.js';
import {
  LIMITS,
  type Consultation,
  type ConsultationCreate,
  type ConsultationPatch,
  type ExportQuery,
  type HistoryEntry,
  type Item,
  type ItemsQuery,
  type ResponseOut,
  type SubmitBody,
  type TransitionBody,
  type TrendsQuery,
  type TriageItem,
  type TriageQuery
} from './feedback.schemas.js';

/** Machine codes of this module's refusals (docs/feedback.md), beyond the service-wide ones. */
export type FeedbackCode =
  | ErrorCode
  | 'consultation_closed'
  | 'consultation_not_open'
  | 'not_addressed'
  | 'already_replied'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'not_supportable'
  | 'own_item'
  | 'not_author'
  | 'already_reported'
  | 'invalid_transition'
  | 'response_required'
  | 'note_required'
  | 'invalid_merge'
  | 'cannot_shorten'
  | 'one_way'
  | 'already_published';

/** A refusal; the error plugin renders it in the service's error shape. */
export class FeedbackError extends AppError {
  constructor(
    statusCode: number,
    code: FeedbackCode,
    message: string,
    /** Seconds for `Retry-After` (429 only). */
    readonly retryAfter?: number
  ) {
    // The shared ErrorCode lists the service-wide codes; this module's codes are documented in docs/feedback.md.
    super(statusCode, code as ErrorCode, message);
  }
}

const fail = (status: number, code: FeedbackCode, message: string): never => {
  throw new FeedbackError(status, code, message);
};

/** Who is asking. */
export interface Caller {
  user: string;
}

/** What the service needs. */
export interface FeedbackServiceOptions {
  repo: FeedbackRepository;
  hubId: string;
  keys: AnonymityKeys;
  limiter: SecondLimiter;
  perDay?: number;
  now?: () => Date;
}

const DAY = 86400000;
const addDays = (date: string, days: number) =>
  utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));
const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

function toResponse(row: ResponseRow, withAuthor: boolean): ResponseOut {
  return {
    id: row.id,
    text: row.text,
    lang: row.lang,
    status: row.status as 'draft' | 'published',
    publishedAt: iso(row.published_at),
    createdAt: new Date(row.created_at).toISOString(),
    ...(withAuthor ? { author: row.author } : {})
  };
}

function toItem(
  row: ItemRow,
  extra: { supportedByMe: boolean; mine: boolean; responses: ResponseOut[] }
): Item {
  return {
    id: row.id,
    hubId: row.hub_id,
    topic: row.topic,
    consultationId: row.consultation_id,
    title: row.title,
    body: row.body,
    lang: row.lang,
    context: (row.context as Item['context']) ?? null,
    anonymous: row.anonymous,
    state: row.state,
    mergedInto: row.merged_into,
    createdOn: row.created_on,
    supportCount: row.support_count,
    ...extra
  };
}

function encodeCursor(row: ItemRow): string {
  return Buffer.from(`${row.created_on}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdOn, id] = Buffer.from(cursor, 'base64url')
    .toString()
    .split('|');
  if (
    !createdOn ||
    !id ||
    !/^\d{4}-\d{2}-\d{2}$/.test(createdOn) ||
    !/^[0-9a-f-]{36}$/.test(id)
  ) {
    return fail(400, 'validation', 'querystring/cursor is not valid');
  }
  return { createdOn, id };
}

/** Builds the feedback service for one hub instance. */
export function createFeedbackService(options: FeedbackServiceOptions) {
  const { repo, hubId, keys, limiter } = options;
  const perDay = options.perDay ?? LIMITS.perDay;
  const now = options.now ?? (() => new Date());
  // The hub's community changes rarely (partnership records): read it at most every 30 s, and once for
  // all the requests that ask while it is being read (a busy hub would otherwise send one read each).
  let community: { value: Promise<string | null>; at: number } | undefined;
  function hubCommunity(): Promise<string | null> {
    const t = Date.now();
    if (!community || t - community.at > 30000) {
      const value = repo.hubCommunity(hubId);
      community = { value, at: t };
      // A failed read is not remembered: the next request reads again.
      value.catch(() => {
        if (community?.value === value) community = undefined;
      });
    }
    return community.value;
  }

  // Requests carrying the same Idempotency-Key run one after another in this instance.
  const inFlight = new Map<string, Promise<unknown>>();

  async function serialised<T>(key: string, work: () => Promise<T>) {
    const before = inFlight.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    inFlight.set(key, tail);
    try {
      return await run;
    } finally {
      if (inFlight.get(key) === tail) inFlight.delete(key);
    }
  }

  /** Members' view of rows: published responses and their own support. */
  async function decorate(
    rows: ItemRow[],
    user: string,
    mine: (row: ItemRow) => boolean
  ): Promise<Item[]> {
    const ids = rows.map(r => r.id);
    // One query at a time: the embedded database serves one statement at a time anyway.
    const supported = await repo.supportedBy(user, ids);
    const responses = await repo.responsesFor(ids, true);
    return rows.map(row =>
      toItem(row, {
        supportedByMe: supported.has(row.id),
        mine: mine(row),
        responses: responses
          .filter(r => r.item_id === row.id)
          .map(r => toResponse(r, false))
      })
    );
  }

  async function decorateTriage(
    rows: ItemRow[],
    user: string
  ): Promise<TriageItem[]> {
    const ids = rows.map(r => r.id);
    const supported = await repo.supportedBy(user, ids);
    const responses = await repo.responsesFor(ids, false);
    return rows.map(row => ({
      ...toItem(row, {
        supportedByMe: supported.has(row.id),
        mine: row.author === user,
        responses: responses
          .filter(r => r.item_id === row.id)
          .map(r => toResponse(r, true))
      }),
      author: row.author,
      authorship: row.authorship,
      communityId: row.community_id,
      reportCount: row.report_count,
      hidden: row.hidden,
      updatedAt: iso(row.updated_at)
    }));
  }

  const isMine = (user: string) => (row: ItemRow) =>
    row.authorship === 'identified' && row.author === user;

  /** An item of this hub a member may see; 404 otherwise (also for what is hidden from them). */
  async function visibleItem(user: string, id: string): Promise<ItemRow> {
    const row = await repo.item(id);
    if (!row || row.hub_id !== hubId)
      return fail(404, 'not_found', `no item ${id}`);
    if (isMine(user)(row)) return row;
    if (row.hidden || row.state === 'withdrawn') {
      return fail(404, 'not_found', `no item ${id}`);
    }
    if (row.consultation_id) {
      const c = await repo.consultation(row.consultation_id);
      if (
        c &&
        c.results_hidden &&
        consultationStatus(window(c), now()) !== 'closed'
      ) {
        return fail(404, 'not_found', `no item ${id}`);
      }
    }
    return row;
  }

  const window = (c: ConsultationRow) => ({
    opensAt: new Date(c.opens_at),
    closesAt: new Date(c.closes_at)
  });

  function toConsultation(
    c: ConsultationRow,
    replies: number,
    replied: boolean,
    coreTeam: boolean
  ): Consultation {
    const status = consultationStatus(window(c), now());
    return {
      id: c.id,
      question: c.question,
      description: c.description,
      communities: c.communities,
      languages: c.languages,
      opensAt: new Date(c.opens_at).toISOString(),
      closesAt: new Date(c.closes_at).toISOString(),
      anonymous: c.anonymous,
      resultsHidden: c.results_hidden,
      status,
      replyCount:
        coreTeam || !c.results_hidden || status === 'closed' ? replies : null,
      replied
    };
  }

  async function consultationsOut(
    user: string,
    rows: ConsultationRow[],
    coreTeam: boolean
  ): Promise<Consultation[]> {
    const counts = await repo.replyCounts(rows.map(c => c.id));
    const ledgerKeys = rows.map(c => keys.consultationKey(hubId, user, c.id));
    const replied = await repo.ledgerHas(ledgerKeys);
    return rows.map((c, i) =>
      toConsultation(
        c,
        counts.get(c.id) ?? 0,
        replied.has(ledgerKeys[i] as string),
        coreTeam
      )
    );
  }

  /** The answer to a repeated Idempotency-Key, or undefined when the key is new. */
  async function replay(
    user: string,
    keyMac: string,
    key: string,
    hash: string
  ): Promise<{ item: Item; receipt: string | null } | undefined> {
    const stored = await repo.idempotency(keyMac);
    if (!stored) return undefined;
    if (stored.body_hash !== hash) {
      return fail(
        422,
        'idempotency_mismatch',
        'this Idempotency-Key was used for a different submission; use a new key'
      );
    }
    const row = await repo.item(stored.item_id);
    if (!row) return undefined;
    const [item] = await decorate([row], user, () => true);
    return {
      item: item as Item,
      receipt: row.anonymous ? keys.receipt(hubId, user, key) : null
    };
  }

  async function triageRow(id: string): Promise<ItemRow> {
    return (await repo.item(id)) ?? fail(404, 'not_found', `no item ${id}`);
  }

  async function triageItem(user: string, id: string): Promise<TriageItem> {
    const [item] = await decorateTriage([await triageRow(id)], user);
    return item as TriageItem;
  }

  return {
    repo,

    options() {
      return { topics: [...TOPICS], limits: { ...LIMITS, perDay } };
    },

    /** Submits one item; a repeated key answers the first result (`created: false`). */
    async submit(
      caller: Caller,
      body: SubmitBody,
      key: string | undefined
    ): Promise<{ created: boolean; item: Item; receipt: string | null }> {
      const title = body.title.trim();
      if (title.length < LIMITS.titleMin) {
        fail(
          400,
          'validation',
          `body/title must NOT have fewer than ${LIMITS.titleMin} characters (spaces at the ends do not count)`
        );
      }
      const text = body.body.trim();
      if (!text) fail(400, 'validation', 'body/body must not be blank');
      if (Boolean(body.topic) === Boolean(body.consultationId)) {
        fail(
          400,
          'validation',
          'body/topic: give either a topic or a consultationId, not both'
        );
      }
      const hash = bodyHash(body);
      const keyMac = key ? keys.idempotencyKey(hubId, caller.user, key) : null;
      const attempt = async () => {
        try {
          return await submitOnce(
            caller.user,
            body,
            title,
            text,
            key,
            keyMac,
            hash
          );
        } catch (error) {
          // An outbox retry whose first answer was lost: whatever refuses it now (a rate, a closed
          // consultation), its item exists, so it gets that item. Asked only here, off the common path.
          if (keyMac && key && error instanceof FeedbackError) {
            const again = await replay(caller.user, keyMac, key, hash);
            if (again) return { created: false, ...again };
          }
          throw error;
        }
      };
      return keyMac ? serialised(keyMac, attempt) : attempt();
    },

    /** Items of this hub members may see, newest day first. */
    async list(caller: Caller, query: ItemsQuery) {
      const limit = query.limit ?? 20;
      const rows = await repo.list({
        hubId,
        state: query.state,
        topic: query.topic,
        consultationId: query.consultationId,
        publicOnly: { now: now() },
        after: decodeCursor(query.cursor),
        limit: limit + 1
      });
      const page = rows.slice(0, limit);
      return {
        items: await decorate(page, caller.user, isMine(caller.user)),
        nextCursor:
          rows.length > limit
            ? encodeCursor(page[page.length - 1] as ItemRow)
            : null
      };
    },

    async item(caller: Caller, id: string): Promise<Item> {
      const row = await visibleItem(caller.user, id);
      const [item] = await decorate([row], caller.user, isMine(caller.user));
      return item as Item;
    },

    /** The caller's identified items, every state. */
    async mine(caller: Caller): Promise<Item[]> {
      const rows = await repo.byAuthor(hubId, caller.user);
      return decorate(rows, caller.user, () => true);
    },

    /** Items found by receipt codes (anonymous ones included). */
    async lookup(caller: Caller, receipts: string[]) {
      const hashes = new Map(receipts.map(r => [receiptHash(r), r]));
      const rows = await repo.byReceipts(hubId, [...hashes.keys()]);
      const found = new Set(rows.map(r => r.receipt_hash));
      return {
        items: await decorate(rows, caller.user, () => true),
        unknown: [...hashes]
          .filter(([hash]) => !found.has(hash))
          .map(([, receipt]) => receipt)
      };
    },

    /**
     * What is new for the caller: their identified items with unseen news, and when the items of the
     * given receipts last had news (the browser that holds a receipt keeps its own seen marker).
     */
    async news(caller: Caller, receipts: string[]) {
      const unseen = await repo.unseenNews(hubId, caller.user);
      const hashes = new Map(receipts.map(r => [receiptHash(r), r]));
      const followed = await repo.newsByReceipts(hubId, [...hashes.keys()]);
      return {
        items: unseen.map(r => ({
          id: r.id,
          newsAt: new Date(r.news_at).toISOString()
        })),
        receipts: followed.map(r => ({
          receipt: hashes.get(r.receipt_hash) as string,
          id: r.id,
          newsAt: iso(r.news_at)
        }))
      };
    },

    /** The caller saw the news of their identified items up to `through`; others' items change nothing. */
    async seen(caller: Caller, seen: { id: string; through: string }[]) {
      let count = 0;
      for (const { id, through } of seen) {
        count += await repo.markSeen(hubId, caller.user, id, through);
      }
      return { seen: count };
    },

    async support(caller: Caller, id: string, on: boolean) {
      const row = await visibleItem(caller.user, id);
      if (on) {
        if (isMine(caller.user)(row)) {
          fail(409, 'own_item', 'you cannot support your own item');
        }
        if (!isSupportable(row.state as State)) {
          fail(
            409,
            'not_supportable',
            `an item that is ${row.state} cannot be supported`
          );
        }
        await repo.addSupport(id, hubId, caller.user);
      } else {
        await repo.removeSupport(id, caller.user);
      }
      return { supportCount: await repo.supportCount(id), supportedByMe: on };
    },

    /** The author withdraws their item (anonymous: with its receipt). */
    async withdraw(caller: Caller, id: string, receipt: string | undefined) {
      await repo.transaction(async trx => {
        const row = await trx.item(id, true);
        if (!row || row.hub_id !== hubId)
          return fail(404, 'not_found', `no item ${id}`);
        const owner = row.anonymous
          ? receipt !== undefined &&
            (await trx.receiptHashOf(id)) === receiptHash(receipt)
          : isMine(caller.user)(row);
        if (!owner) {
          fail(
            403,
            'not_author',
            row.anonymous
              ? 'withdrawing an anonymous item needs its receipt code'
              : 'only the author can withdraw an item'
          );
        }
        const refusal = checkTransition(
          row.state as State,
          'withdrawn',
          'author',
          {
            hasPublishedResponse: false
          }
        );
        if (refusal) fail(409, refusal.code, refusal.message);
        await trx.withdraw(id);
        await trx.appendHistory({
          itemId: id,
          kind: 'transition',
          from: row.state,
          to: 'withdrawn',
          actorRole: 'author',
          // An anonymous author's action keeps to a date, like the item.
          at: row.anonymous ? `${utcDate(now())}T00:00:00Z` : undefined
        });
      });
      const row = (await repo.item(id)) as ItemRow;
      const [item] = await decorate([row], caller.user, () => true);
      return item as Item;
    },

    /** One report per person; the third hides the item until the Core Team reviews it. */
    async report(caller: Caller, id: string, reason: string) {
      await visibleItem(caller.user, id);
      await repo.transaction(async trx => {
        const row = (await trx.item(id, true)) as ItemRow;
        if (!(await trx.addReport(id, hubId, caller.user, reason))) {
          fail(409, 'already_reported', 'you have reported this item already');
        }
        if (
          row.moderation === 'visible' &&
          (await trx.reportCount(id)) >= REPORTS_TO_HIDE
        ) {
          await trx.setModeration(id, true, 'hidden');
          await trx.appendHistory({
            itemId: id,
            kind: 'hidden',
            actorRole: 'system',
            note: `${REPORTS_TO_HIDE} reports`
          });
        }
      });
      return { reported: true };
    },

    /** Consultations addressed to this hub's community: scheduled, open, or closed in the last 30 days. */
    async consultations(caller: Caller): Promise<Consultation[]> {
      const community = await hubCommunity();
      const rows = await repo.consultationsFor(
        community,
        new Date(now().getTime() - 30 * DAY)
      );
      return consultationsOut(caller.user, rows, false);
    },

    async allConsultations(caller: Caller): Promise<Consultation[]> {
      return consultationsOut(caller.user, await repo.allConsultations(), true);
    },

    async createConsultation(
      caller: Caller,
      body: ConsultationCreate
    ): Promise<Consultation> {
      const opensAt = new Date(body.opensAt);
      const closesAt = new Date(body.closesAt);
      if (closesAt <= opensAt) {
        fail(400, 'validation', 'body/closesAt must be after opensAt');
      }
      if (closesAt <= now()) {
        fail(400, 'validation', 'body/closesAt must be in the future');
      }
      const row = await repo.insertConsultation({
        hub_id: hubId,
        question: body.question.trim(),
        description: body.description ?? '',
        communities: body.communities,
        languages: body.languages,
        opens_at: opensAt,
        closes_at: closesAt,
        anonymous: body.anonymous,
        results_hidden: body.resultsHidden,
        created_by: caller.user
      });
      await repo.audit({
        hubId,
        actor: caller.user,
        action: 'feedback.consultation.create',
        target: row.id,
        detail: { question: row.question }
      });
      return toConsultation(row, 0, false, true);
    },

    /** Edits a consultation: extend but never shorten once replied; one-way switches. */
    async updateConsultation(
      caller: Caller,
      id: string,
      patch: ConsultationPatch
    ): Promise<Consultation> {
      const row = await repo.transaction(async trx => {
        const current =
          (await trx.consultation(id, true)) ??
          fail(404, 'not_found', `no consultation ${id}`);
        const replies = (await trx.replyCounts([id])).get(id) ?? 0;
        const closesAt = patch.closesAt ? new Date(patch.closesAt) : undefined;
        if (closesAt && closesAt <= new Date(current.opens_at)) {
          fail(400, 'validation', 'body/closesAt must be after opensAt');
        }
        const refusal = consultationChangeRefusal(
          {
            closesAt: new Date(current.closes_at),
            anonymous: current.anonymous,
            resultsHidden: current.results_hidden,
            replies,
            status: consultationStatus(window(current), now())
          },
          {
            closesAt,
            anonymous: patch.anonymous,
            resultsHidden: patch.resultsHidden
          }
        );
        if (refusal) fail(409, refusal.code, refusal.message);
        const updated = await trx.updateConsultation(id, {
          ...(patch.question !== undefined
            ? { question: patch.question.trim() }
            : {}),
          ...(patch.description !== undefined
            ? { description: patch.description }
            : {}),
          ...(closesAt ? { closes_at: closesAt } : {}),
          ...(patch.anonymous !== undefined
            ? { anonymous: patch.anonymous }
            : {}),
          ...(patch.resultsHidden !== undefined
            ? { results_hidden: patch.resultsHidden }
            : {})
        });
        await trx.audit({
          hubId,
          actor: caller.user,
          action: 'feedback.consultation.update',
          target: id,
          detail: { ...patch }
        });
        return { updated, replies };
      });
      return toConsultation(row.updated, row.replies, false, true);
    },

    async triageList(caller: Caller, query: TriageQuery) {
      const limit = query.limit ?? 20;
      const rows = await repo.list({
        hubId: query.hub,
        state: query.state,
        community: query.community,
        consultationId: query.consultation,
        lang: query.language,
        topic: query.topic,
        hidden: query.hidden,
        after: decodeCursor(query.cursor),
        limit: limit + 1
      });
      const page = rows.slice(0, limit);
      return {
        items: await decorateTriage(page, caller.user),
        nextCursor:
          rows.length > limit
            ? encodeCursor(page[page.length - 1] as ItemRow)
            : null
      };
    },

    async triageItem(caller: Caller, id: string) {
      const item = await triageItem(caller.user, id);
      const history: HistoryEntry[] = (await repo.history(id)).map(h => ({
        id: String(h.id),
        itemId: h.item_id,
        kind: h.kind,
        from: h.from_state,
        to: h.to_state,
        actorRole: h.actor_role,
        actor: h.actor,
        note: h.note,
        at: new Date(h.at).toISOString()
      }));
      return { ...item, history };
    },

    /** A Core Team transition along the state machine, with its response, note or merge target. */
    async transition(
      caller: Caller,
      id: string,
      body: TransitionBody
    ): Promise<TriageItem> {
      await repo.transaction(async trx => {
        await trx.lockItems(body.into ? [id, body.into] : [id]);
        const row = await triageRowIn(trx, id);
        const refusal = checkTransition(
          row.state as State,
          body.to,
          'core-team',
          {
            responseText: body.response?.text,
            note: body.note,
            into: body.into,
            hasPublishedResponse: await trx.hasPublishedResponse(id)
          }
        );
        if (refusal) fail(409, refusal.code, refusal.message);
        let into: string | null = null;
        if (body.to === 'merged') {
          const target =
            (await trx.item(body.into as string)) ??
            fail(409, 'invalid_merge', `no item ${body.into} to merge into`);
          const why = mergeTargetRefusal(id, {
            id: target.id,
            state: target.state as State,
            mergedInto: target.merged_into
          });
          if (why) fail(409, 'invalid_merge', why);
          into = target.id;
        }
        if (body.response) {
          await trx.insertResponse({
            itemId: id,
            text: body.response.text.trim(),
            lang: body.response.lang,
            author: caller.user,
            publish: true
          });
          await trx.appendHistory({
            itemId: id,
            kind: 'response_published',
            actorRole: 'core-team',
            actor: caller.user
          });
        }
        await trx.setState(id, body.to, into);
        if (body.response || notifiesAuthor(row.state as State, body.to)) {
          await trx.markNews(id);
        }
        await trx.appendHistory({
          itemId: id,
          kind: 'transition',
          from: row.state,
          to: body.to,
          actorRole: 'core-team',
          actor: caller.user,
          note: body.note ?? (into ? `merged into ${into}` : null)
        });
        if (into) {
          await trx.moveSupports(id, into);
          await trx.appendHistory({
            itemId: into,
            kind: 'merged_in',
            actorRole: 'core-team',
            actor: caller.user,
            note: id
          });
        }
      });
      return triageItem(caller.user, id);
    },

    async addResponse(
      caller: Caller,
      id: string,
      body: { text: string; lang: string; publish?: boolean }
    ): Promise<ResponseOut> {
      const row = await repo.transaction(async trx => {
        await triageRowIn(trx, id);
        const response = await trx.insertResponse({
          itemId: id,
          text: body.text.trim(),
          lang: body.lang,
          author: caller.user,
          publish: body.publish ?? false
        });
        await trx.appendHistory({
          itemId: id,
          kind: body.publish ? 'response_published' : 'response_drafted',
          actorRole: 'core-team',
          actor: caller.user
        });
        // A draft is the Core Team's own: only publishing is news for the author.
        if (body.publish) await trx.markNews(id);
        return response;
      });
      return toResponse(row, true);
    },

    async updateResponse(
      caller: Caller,
      id: string,
      responseId: string,
      body: { text?: string; publish?: true }
    ): Promise<ResponseOut> {
      const row = await repo.transaction(async trx => {
        const current = await trx.response(responseId);
        if (!current || current.item_id !== id) {
          return fail(
            404,
            'not_found',
            `no response ${responseId} on item ${id}`
          );
        }
        if (current.status === 'published') {
          fail(
            409,
            'already_published',
            'a published response cannot change; add a new one'
          );
        }
        const updated = await trx.updateResponse(responseId, {
          text: body.text?.trim(),
          publish: body.publish
        });
        if (body.publish) {
          await trx.appendHistory({
            itemId: id,
            kind: 'response_published',
            actorRole: 'core-team',
            actor: caller.user
          });
          await trx.markNews(id);
        }
        return updated;
      });
      return toResponse(row, true);
    },

    async moderate(
      caller: Caller,
      id: string,
      action: 'hide' | 'restore'
    ): Promise<TriageItem> {
      await repo.transaction(async trx => {
        await triageRowIn(trx, id, true);
        await trx.setModeration(
          id,
          action === 'hide',
          action === 'hide' ? 'hidden' : 'restored'
        );
        await trx.appendHistory({
          itemId: id,
          kind: action === 'hide' ? 'hidden' : 'restored',
          actorRole: 'core-team',
          actor: caller.user
        });
      });
      return triageItem(caller.user, id);
    },

    /** Counts per week × state × topic; small cells holding anonymous input are suppressed. */
    async trends(query: TrendsQuery) {
      const cells = await repo.trendCells({
        from: query.from,
        to: query.to,
        hubId: query.hub,
        community: query.community,
        consultationId: query.consultation,
        topic: query.topic
      });
      return { weeks: suppressCells(cells) };
    },

    /** A CSV or JSON export of the filtered items; audited. */
    async export(caller: Caller, query: ExportQuery): Promise<ExportFile> {
      const rows = await repo.list({
        hubId: query.hub,
        state: query.state,
        community: query.community,
        consultationId: query.consultation,
        lang: query.language,
        topic: query.topic,
        hidden: query.hidden
      });
      const responses = await repo.responsesFor(
        rows.map(r => r.id),
        true
      );
      const groups = await repo.anonymousGroupSizes();
      const file = exportFile(rows, responses, groups, query, now());
      const { format, separator, ...rest } = query;
      const filters = { ...rest, envelope: undefined };
      await repo.audit({
        hubId,
        actor: caller.user,
        action: 'feedback.export',
        target: null,
        detail: {
          format,
          separator: separator ?? ',',
          filters,
          rows: rows.length
        }
      });
      return file;
    },

    /** Everything the service holds about the caller that names them. */
    async exportMine(caller: Caller) {
      const items = await repo.byAuthor(hubId, caller.user);
      const supports = await repo.supportsBy(hubId, caller.user);
      const reports = await repo.reportsBy(hubId, caller.user);
      const seen = await repo.seenBy(hubId, caller.user);
      return {
        exportedAt: now().toISOString(),
        user: caller.user,
        hub: hubId,
        items: await decorate(items, caller.user, () => true),
        supports: supports.map(s => ({ itemId: s.item_id, title: s.title })),
        reports: reports.map(r => ({
          itemId: r.item_id,
          reason: r.reason,
          at: new Date(r.at).toISOString()
        })),
        seen: seen.map(s => ({
          itemId: s.id,
          at: new Date(s.author_seen_at).toISOString()
        })),
        note: 'Anonymous items are not linked to you and are not included; follow them with their receipt codes.'
      };
    },

    /** Erases the caller's identified items (deleted or re-attributed), supports and reports. */
    async erase(caller: Caller, mode: 'delete' | 'reattribute') {
      const result = await repo.transaction(async trx => {
        const ids = (await trx.byAuthor(hubId, caller.user)).map(r => r.id);
        if (mode === 'delete') await trx.deleteItems(ids);
        else await trx.reattribute(ids);
        for (const itemId of ids) {
          await trx.appendHistory({
            itemId,
            kind: 'erased',
            actorRole: 'system',
            note: mode
          });
        }
        const activity = await trx.eraseActivity(hubId, caller.user);
        await trx.audit({
          hubId,
          actor: caller.user,
          action: 'feedback.erase',
          target: null,
          detail: { mode, items: ids.length, ...activity }
        });
        return { items: ids.length, ...activity };
      });
      return result;
    },

    /** Forgets expired idempotency keys and ledger rows. */
    async purge() {
      await repo.purge(utcDate(now()));
    }
  };

  async function triageRowIn(
    trx: FeedbackQueries,
    id: string,
    lock = false
  ): Promise<ItemRow> {
    return (
      (await trx.item(id, lock)) ?? fail(404, 'not_found', `no item ${id}`)
    );
  }

  async function submitOnce(
    user: string,
    body: SubmitBody,
    title: string,
    text: string,
    key: string | undefined,
    keyMac: string | null,
    hash: string
  ): Promise<{ created: boolean; item: Item; receipt: string | null }> {
    let anonymous = body.anonymous ?? false;
    let consultation: ConsultationRow | undefined;
    if (body.consultationId) {
      consultation =
        (await repo.consultation(body.consultationId)) ??
        fail(404, 'not_found', `no consultation ${body.consultationId}`);
      const community = await hubCommunity();
      if (
        consultation.communities.length > 0 &&
        !(community && consultation.communities.includes(community))
      ) {
        fail(
          409,
          'not_addressed',
          'this consultation is not addressed to your community'
        );
      }
      const status = consultationStatus(window(consultation), now());
      if (status === 'closed') {
        fail(
          409,
          'consultation_closed',
          `this consultation closed on ${new Date(consultation.closes_at).toISOString()}; your text was not sent`
        );
      }
      if (status === 'scheduled') {
        fail(
          409,
          'consultation_not_open',
          `this consultation opens on ${new Date(consultation.opens_at).toISOString()}`
        );
      }
      // In an anonymous consultation every reply is anonymous.
      if (consultation.anonymous) anonymous = true;
    }

    const wait = limiter.take(user);
    if (wait > 0) {
      throw new FeedbackError(
        429,
        'rate_limited',
        'one submission per second; try again shortly',
        wait
      );
    }
    const today = utcDate(now());
    // The ledger is written in its own transaction, apart from the item's (see docs/feedback.md).
    const day = {
      key: keys.dayKey(hubId, user, today),
      hubId,
      purgeAfter: addDays(today, 2),
      max: perDay
    };
    const dailyLimit = () =>
      new FeedbackError(
        429,
        'rate_limited',
        `at most ${perDay} submissions a day; try again tomorrow (UTC)`,
        secondsToUtcMidnight(now())
      );
    const id = randomUUID();
    const receipt = anonymous ? keys.receipt(hubId, user, key) : null;
    const context = body.context
      ? anonymous
        ? // A notebook path can hold a user name: anonymous items keep only catalogue ids.
          Object.fromEntries(
            Object.entries(body.context).filter(([k]) => k !== 'path')
          )
        : body.context
      : null;
    const write: ItemWrite = {
      item: {
        id,
        hubId,
        communityId: await hubCommunity(),
        consultationId: consultation?.id ?? null,
        topic: body.topic ?? null,
        anonymous,
        author: anonymous ? null : user,
        receiptHash: receipt ? receiptHash(receipt) : null,
        title,
        body: text,
        lang: body.lang,
        context,
        createdOn: today
      },
      key: keyMac
        ? { mac: keyMac, bodyHash: hash, expiresOn: addDays(today, 7) }
        : null,
      // An anonymous item's history keeps to its date, like the item.
      historyAt: anonymous ? `${today}T00:00:00Z` : null
    };
    // The key was claimed first by another request (now committed): the caller's catch answers its item.
    const keyTaken = () =>
      fail(409, 'conflict', 'this submission is being sent; try again');
    // A new item has no support, no response and no later state: no need to read it back.
    const created = () => ({
      created: true,
      receipt,
      item: {
        id,
        hubId,
        topic: body.topic ?? null,
        consultationId: consultation?.id ?? null,
        title,
        body: text,
        lang: body.lang,
        context: context as Item['context'],
        anonymous,
        state: 'new' as const,
        mergedInto: null,
        createdOn: today,
        supportCount: 0,
        supportedByMe: false,
        mine: true,
        responses: []
      }
    });

    if (!consultation) {
      // A topic item: the day's count and the item share one queue (feedback.submission-writer.ts),
      // which gives the count back itself when the item is not written.
      let outcome: SubmissionOutcome;
      try {
        outcome = await repo.submitWithDay(day, write);
      } catch (error) {
        limiter.release(user);
        throw error;
      }
      if (outcome === 'limited') throw dailyLimit();
      if (outcome === 'key_taken') {
        limiter.release(user);
        keyTaken();
      }
      return created();
    }

    if (!(await repo.ledger.takeDaily(day))) throw dailyLimit();
    const releases: (() => Promise<void>)[] = [
      () => repo.ledger.releaseDaily(day.key)
    ];
    // Runs once however many paths call it: a counter must not be given back twice.
    const undo = async () => {
      for (const release of releases.splice(0)) {
        await release().catch(() => undefined);
      }
    };
    try {
      const consultationId = consultation.id;
      const replyKey = keys.consultationKey(hubId, user, consultationId);
      const purgeAfter = addDays(
        utcDate(new Date(consultation.closes_at)),
        365
      );
      if (
        !(await repo.ledger.claimReply(
          replyKey,
          hubId,
          consultationId,
          purgeAfter
        ))
      ) {
        // Another instance may be sending this very key: give it a moment, then answer its result.
        for (let i = 0; keyMac && key && i < 4; i++) {
          const again = await replay(user, keyMac, key, hash);
          if (again) {
            await undo();
            limiter.release(user);
            return { created: false, ...again };
          }
          await new Promise(resolve => setTimeout(resolve, 250));
        }
        fail(
          409,
          'already_replied',
          'you have replied to this consultation already'
        );
      }
      releases.push(() => repo.ledger.releaseReply(replyKey));
      if (!(await repo.submitItem(write.item, write.key, write.historyAt))) {
        keyTaken();
      }
      return created();
    } catch (error) {
      await undo();
      limiter.release(user);
      throw error;
    }
  }
}

/** The feedback service's interface. */
export type FeedbackService = ReturnType<typeof createFeedbackService>;
