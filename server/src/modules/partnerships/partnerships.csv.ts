/** RFC 4180 CSV reading and writing, with spreadsheet formula injection escaped on the way out. */

/** The files of partnerships.md §4.13 and their headers, in order. */
export const CSV_HEADERS = {
  communities: [
    'community_slug',
    'name',
    'country',
    'region',
    'language',
    'website'
  ],
  hubs: [
    'community_slug',
    'cluster',
    'hub_name',
    'domain',
    'provider',
    'region',
    'auth',
    'admin_users',
    'deployed_on',
    'decommissioned_on'
  ],
  terms: [
    'community_slug',
    'term_seq',
    'start_date',
    'end_date',
    'guaranteed_service_date',
    'phase',
    'previous_term_seq',
    'agreement_url',
    'override_status',
    'override_until'
  ],
  roles: [
    'community_slug',
    'role',
    'person_email',
    'person_name',
    'github_handle',
    'start_date',
    'end_date',
    'end_reason'
  ],
  enrolments: [
    'person_email',
    'github_handle',
    'community_slug',
    'programme',
    'cohort',
    'language',
    'status',
    'started_on',
    'completed_on'
  ]
} as const;

/** One of the CSV files. */
export type CsvKind = keyof typeof CSV_HEADERS;

export const CSV_KINDS = Object.keys(CSV_HEADERS) as CsvKind[];

/** Parses CSV text into rows of cells; throws on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('a quoted cell is not closed');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  // Blank lines carry nothing.
  return rows.filter(r => !(r.length === 1 && r[0] === ''));
}

const FORMULA = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function escapeFormula(value: string): string {
  // A plain number such as -36 runs nothing; leave it readable.
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return FORMULA.test(value) ? `'${value}` : value;
}

/** Undoes escapeFormula so that an exported file imports to the same values. */
export function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA.test(value.slice(1))
    ? value.slice(1)
    : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a header and rows, formula-escaped, CRLF-terminated. */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[]
): string {
  return [header, ...rows]
    .map(r => r.map(cell => quote(escapeFormula(cell))).join(','))
    .map(line => `${line}\r\n`)
    .join('');
}
