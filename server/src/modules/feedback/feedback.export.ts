/** Triage exports: CSV (BOM, RFC 4180, formula cells escaped) or JSON; anonymous rows name nobody. */
import { escapeFormula } from '../partnerships/partnerships.csv.js';
import type { ItemRow, ResponseRow } from './feedback.repository.js';
import { MIN_CELL } from './feedback.rules.js';
import type { ExportQuery } from './feedback.schemas.js';

/** The export's columns, in order (docs/feedback.md). */
export const EXPORT_COLUMNS = [
  'id',
  'hub',
  'community',
  'consultation',
  'topic',
  'lang',
  'state',
  'title',
  'body',
  'author',
  'authorship',
  'created_on',
  'support_count',
  'report_count',
  'hidden',
  'merged_into',
  'context_kind',
  'context_id',
  'response',
  'response_lang',
  'responded_at',
  'suppressed'
] as const;

/** A file to send. */
export interface ExportFile {
  contentType: string;
  filename: string;
  body: string;
}

type Row = Record<(typeof EXPORT_COLUMNS)[number], string>;

/** One export row; small anonymous groups lose what could single a person out. */
export function exportRow(
  item: ItemRow,
  latest: ResponseRow | undefined,
  anonymousInGroup: number
): Row {
  const context = item.context as {
    kind?: string;
    tutorialId?: string;
    step?: string;
    path?: string;
  } | null;
  const suppressed = item.anonymous && anonymousInGroup < MIN_CELL;
  const contextId = context
    ? [context.tutorialId, context.step].filter(Boolean).join('/') ||
      (item.anonymous ? '' : (context.path ?? ''))
    : '';
  return {
    id: item.id,
    hub: suppressed ? '' : item.hub_id,
    community: suppressed ? '' : (item.community_id ?? ''),
    consultation: item.consultation_id ?? '',
    topic: item.topic ?? '',
    lang: suppressed ? '' : item.lang,
    state: item.state,
    title: item.title,
    body: item.body,
    author: item.anonymous ? '' : (item.author ?? ''),
    authorship: item.authorship,
    created_on: suppressed ? '' : item.created_on,
    support_count: String(item.support_count),
    report_count: String(item.report_count),
    hidden: item.hidden ? 'yes' : 'no',
    merged_into: item.merged_into ?? '',
    context_kind: suppressed ? '' : (context?.kind ?? ''),
    context_id: suppressed ? '' : contextId,
    response: latest?.text ?? '',
    response_lang: latest?.lang ?? '',
    responded_at: latest?.published_at
      ? new Date(latest.published_at).toISOString()
      : '',
    suppressed: suppressed ? 'yes' : 'no'
  };
}

function quote(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/** CSV text: UTF-8 BOM, header, CRLF lines, every cell formula-escaped then quoted. */
export function toCsv(rows: Row[], separator: ',' | ';'): string {
  const lines = [
    EXPORT_COLUMNS.join(separator),
    ...rows.map(row =>
      EXPORT_COLUMNS.map(column =>
        quote(escapeFormula(row[column]), separator)
      ).join(separator)
    )
  ];
  return `\ufeff${lines.map(line => `${line}\r\n`).join('')}`;
}

/** Builds the export file of `items` (their published responses and the anonymous group sizes given). */
export function exportFile(
  items: ItemRow[],
  responses: ResponseRow[],
  anonymousGroups: Map<string, number>,
  query: Pick<ExportQuery, 'format' | 'separator'>,
  now: Date
): ExportFile {
  const latest = new Map<string, ResponseRow>();
  for (const response of responses) latest.set(response.item_id, response);
  const rows = items.map(item =>
    exportRow(
      item,
      latest.get(item.id),
      anonymousGroups.get(
        `${item.hub_id}\u0000${item.consultation_id ?? item.topic}`
      ) ?? 0
    )
  );
  const stamp = now.toISOString().slice(0, 10);
  if (query.format === 'json') {
    return {
      contentType: 'application/json; charset=utf-8',
      filename: `feedback-${stamp}.json`,
      body: JSON.stringify({ exportedAt: now.toISOString(), items: rows })
    };
  }
  return {
    contentType: 'text/csv; charset=utf-8',
    filename: `feedback-${stamp}.csv`,
    body: toCsv(rows, query.separator ?? ',')
  };
}
