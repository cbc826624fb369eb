/** Reads user names from a CSV file for "Add users": the name column by its header, else the first column. */

/** Headers recognised as the user-name column (English and Spanish, case-insensitive). */
const NAME_HEADERS = [
  'username',
  'user',
  'name',
  'login',
  'github',
  'email',
  'usuario',
  'nombre de usuario',
  'correo'
];

/** Splits CSV text into rows of cells (RFC 4180 quotes; `,`, `;` or tab, guessed from the first line). */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best
  );
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter(r => r.some(c => c.trim()));
}

/** The names in a CSV file and the column they came from (its header, or null for the first column). */
export function namesFromCsv(text: string): {
  names: string[];
  column: string | null;
} {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map(c => c.trim().toLowerCase());
  const index = NAME_HEADERS.map(h => header.indexOf(h)).find(i => i >= 0);
  if (index !== undefined) {
    return {
      names: rows
        .slice(1)
        .map(r => (r[index] ?? '').trim())
        .filter(Boolean),
      column: rows[0]?.[index]?.trim() ?? null
    };
  }
  return {
    names: rows.map(r => (r[0] ?? '').trim()).filter(Boolean),
    column: null
  };
}
