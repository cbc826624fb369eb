#!/usr/bin/env node
/**
 * Translation tooling for the `jupyterlab_catalyst` domain.
 *
 *   node scripts/i18n.mjs extract   write the .pot from src/ and add new ids to every .po
 *   node scripts/i18n.mjs compile   turn every .po into the .json JupyterLab serves
 *   node scripts/i18n.mjs check     list ids that a .po lacks (exit 1 if any); --json for tests
 *   node scripts/i18n.mjs json es   print the compiled catalogue of one .po (for tests)
 *
 * Only calls on a receiver named `trans`, `this.trans`, `this._trans`, `props.trans` are read,
 * like JupyterLab's own extractor; their message arguments must be string literals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOMAIN = 'jupyterlab_catalyst';
const SRC_DIR = path.join(ROOT, 'src');
const LOCALE_DIR = path.join(ROOT, DOMAIN, 'locale');
const POT_FILE = path.join(LOCALE_DIR, `${DOMAIN}.pot`);

/**
 * Folders the compiled catalogue of each .po goes to.
 *
 * jupyterlab_server looks for `locale/<UI locale>/LC_MESSAGES/<domain>.json` with the locale
 * of an installed language pack (case-insensitive), and packs are regional (`es_ES`), so the
 * Latin-American `es` catalogue is published under that name too.
 */
const TARGET_LOCALES = { es: ['es', 'es_ES'] };

/** Argument positions (msgctxt, msgid, msgid_plural) of each translation function. */
const FUNCTIONS = {
  __: { msgid: 0 },
  gettext: { msgid: 0 },
  _n: { msgid: 0, plural: 1 },
  ngettext: { msgid: 0, plural: 1 },
  _p: { context: 0, msgid: 1 },
  pgettext: { context: 0, msgid: 1 },
  _np: { context: 0, msgid: 1, plural: 2 },
  npgettext: { context: 0, msgid: 1, plural: 2 }
};

const CONTEXT_SEPARATOR = '\u0004';

// ---------------------------------------------------------------- extraction

/** Every .ts/.tsx file under src/ except specs and declarations. */
function sourceFiles(dir = SRC_DIR) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return sourceFiles(full);
      }
      const isSource = /\.tsx?$/.test(entry.name);
      const isExcluded = /\.(spec|d)\.tsx?$/.test(entry.name);
      return isSource && !isExcluded ? [full] : [];
    })
    .sort();
}

/** Whether an expression is a receiver the extractor accepts (`trans`, `this._trans`…). */
function isTransReceiver(node) {
  if (ts.isIdentifier(node)) {
    return node.text === 'trans';
  }
  return (
    ts.isPropertyAccessExpression(node) &&
    (node.name.text === 'trans' || node.name.text === '_trans')
  );
}

/** The messages of one file, and the calls whose arguments are not literals. */
function extractFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    kind
  );
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  const messages = [];
  const errors = [];
  const visit = node => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text in FUNCTIONS &&
      isTransReceiver(node.expression.expression)
    ) {
      const spec = FUNCTIONS[node.expression.name.text];
      const line =
        source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const where = `${relative}:${line}`;
      const literal = index => {
        const arg = node.arguments[index];
        return arg &&
          (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
          ? arg.text
          : null;
      };
      const message = { reference: where };
      let ok = true;
      for (const [field, index] of Object.entries(spec)) {
        const value = literal(index);
        if (value === null) {
          ok = false;
          errors.push(
            `${where}: argument ${index + 1} of ${node.expression.name.text} is not a string literal`
          );
        } else {
          message[field] = value;
        }
      }
      if (ok) {
        messages.push(message);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { messages, errors };
}

/** The key JupyterLab's Gettext looks a message up by. */
function keyOf(message) {
  return message.context
    ? message.context + CONTEXT_SEPARATOR + message.msgid
    : message.msgid;
}

/** Unique messages of src/ in first-seen order, each with all its references. */
export function extract() {
  const byKey = new Map();
  const errors = [];
  for (const file of sourceFiles()) {
    const result = extractFile(file);
    errors.push(...result.errors);
    for (const message of result.messages) {
      const key = keyOf(message);
      const seen = byKey.get(key);
      if (seen) {
        seen.references.push(message.reference);
      } else {
        const { reference, ...rest } = message;
        byKey.set(key, { ...rest, references: [reference] });
      }
    }
  }
  return { messages: [...byKey.values()], errors };
}

// ---------------------------------------------------------------- .po files

function unquote(line) {
  const match = /^"(.*)"\s*$/.exec(line.trim());
  if (!match) {
    throw new Error(`Bad .po string line: ${line}`);
  }
  return match[1].replace(/\\(["\\nt])/g, (_, c) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c
  );
}

function quote(value) {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/** Parse a .po file into its header fields and entries (obsolete `#~` entries are skipped). */
export function parsePo(text) {
  const entries = [];
  let entry = null;
  let field = null;
  const flush = () => {
    if (entry && entry.msgid !== undefined) {
      entries.push(entry);
    }
    entry = null;
    field = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith('#~')) {
      continue;
    }
    entry ??= { flags: [], msgstr: [] };
    if (line.startsWith('#,')) {
      entry.flags.push(
        ...line
          .slice(2)
          .split(',')
          .map(flag => flag.trim())
      );
      continue;
    }
    if (line.startsWith('#')) {
      continue;
    }
    const keyword =
      /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/.exec(line);
    if (keyword) {
      const [, name, index, rest] = keyword;
      if (name.startsWith('msgstr')) {
        field = { list: Number(index ?? 0) };
        entry.msgstr[field.list] = unquote(rest);
      } else {
        field = {
          name:
            name === 'msgctxt'
              ? 'context'
              : name === 'msgid_plural'
                ? 'plural'
                : 'msgid'
        };
        entry[field.name] = unquote(rest);
      }
      continue;
    }
    if (line.startsWith('"') && field) {
      if ('list' in field) {
        entry.msgstr[field.list] += unquote(line);
      } else {
        entry[field.name] += unquote(line);
      }
      continue;
    }
    throw new Error(`Cannot parse .po line: ${raw}`);
  }
  flush();
  const headerEntry = entries.find(e => e.msgid === '' && !e.context);
  const header = {};
  for (const headerLine of (headerEntry?.msgstr[0] ?? '').split('\n')) {
    const colon = headerLine.indexOf(':');
    if (colon > 0) {
      header[headerLine.slice(0, colon).trim()] = headerLine
        .slice(colon + 1)
        .trim();
    }
  }
  return {
    header,
    headerEntry,
    entries: entries.filter(e => e !== headerEntry)
  };
}

/** Whether an entry has a usable translation (not fuzzy, every form filled). */
function isTranslated(entry) {
  const forms = entry.plural ? 2 : 1;
  return (
    !entry.flags.includes('fuzzy') &&
    entry.msgstr.length >= forms &&
    entry.msgstr.every(text => typeof text === 'string' && text !== '')
  );
}

function formatEntry(entry, { obsolete = false } = {}) {
  const prefix = obsolete ? '#~ ' : '';
  const lines = [];
  if (!obsolete) {
    for (const reference of entry.references ?? []) {
      lines.push(`#: ${reference}`);
    }
    const flags = (entry.flags ?? []).filter(Boolean);
    if (flags.length) {
      lines.push(`#, ${flags.join(', ')}`);
    }
  }
  if (entry.context) {
    lines.push(`${prefix}msgctxt ${quote(entry.context)}`);
  }
  lines.push(`${prefix}msgid ${quote(entry.msgid)}`);
  if (entry.plural !== undefined) {
    lines.push(`${prefix}msgid_plural ${quote(entry.plural)}`);
    const forms = Math.max(2, entry.msgstr?.length ?? 0);
    for (let i = 0; i < forms; i++) {
      lines.push(`${prefix}msgstr[${i}] ${quote(entry.msgstr?.[i] ?? '')}`);
    }
  } else {
    lines.push(`${prefix}msgstr ${quote(entry.msgstr?.[0] ?? '')}`);
  }
  return lines.join('\n');
}

function formatHeader(fields) {
  const body = Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
  return `msgid ""\nmsgstr ""\n${body
    .split(/(?<=\n)/)
    .map(part => quote(part))
    .join('\n')}`;
}

/** Every .po catalogue: `{ language, file }`. */
function poFiles() {
  if (!fs.existsSync(LOCALE_DIR)) {
    return [];
  }
  return fs
    .readdirSync(LOCALE_DIR, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => ({
      language: entry.name,
      file: path.join(LOCALE_DIR, entry.name, 'LC_MESSAGES', `${DOMAIN}.po`)
    }))
    .filter(({ file }) => fs.existsSync(file));
}

function packageVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    .version;
}

// ---------------------------------------------------------------- commands

function commandExtract() {
  const { messages, errors } = extract();
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exitCode = 1;
    return;
  }
  const pot = [
    formatHeader({
      'Project-Id-Version': `jupyterlab-catalyst ${packageVersion()}`,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit'
    }),
    ...messages.map(message => formatEntry({ ...message, msgstr: [] }))
  ].join('\n\n');
  fs.mkdirSync(LOCALE_DIR, { recursive: true });
  fs.writeFileSync(POT_FILE, `${pot}\n`);
  console.log(`${path.relative(ROOT, POT_FILE)}: ${messages.length} messages`);

  for (const { file } of poFiles()) {
    const po = parsePo(fs.readFileSync(file, 'utf8'));
    const known = new Map(po.entries.map(entry => [keyOf(entry), entry]));
    const merged = messages.map(message => {
      const old = known.get(keyOf(message));
      known.delete(keyOf(message));
      return { ...message, flags: old?.flags ?? [], msgstr: old?.msgstr ?? [] };
    });
    // Translations of removed strings are kept as obsolete entries, in case they come back.
    const obsolete = [...known.values()].filter(isTranslated);
    const text = [
      formatHeader(po.header),
      ...merged.map(entry => formatEntry(entry)),
      ...obsolete.map(entry => formatEntry(entry, { obsolete: true }))
    ].join('\n\n');
    fs.writeFileSync(file, `${text}\n`);
    const untranslated = merged.filter(entry => !isTranslated(entry)).length;
    console.log(`${path.relative(ROOT, file)}: ${untranslated} untranslated`);
  }
}

/** The catalogue JupyterLab's Gettext loads (`{"": header, key: [forms]}`). */
export function toJupyterLabJson(po, language) {
  const data = {
    '': {
      domain: DOMAIN,
      language,
      plural_forms: po.header['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);',
      version: packageVersion()
    }
  };
  for (const entry of po.entries) {
    if (isTranslated(entry)) {
      data[keyOf(entry)] = entry.msgstr;
    }
  }
  return data;
}

function commandCompile() {
  for (const { language, file } of poFiles()) {
    const po = parsePo(fs.readFileSync(file, 'utf8'));
    const json = JSON.stringify(toJupyterLabJson(po, language), null, 2);
    for (const folder of TARGET_LOCALES[language] ?? [language]) {
      const target = path.join(
        LOCALE_DIR,
        folder,
        'LC_MESSAGES',
        `${DOMAIN}.json`
      );
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${json}\n`);
      console.log(
        `${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`
      );
    }
  }
}

function commandJson(language) {
  const found = poFiles().find(po => po.language === language);
  if (!found) {
    console.error(`No .po file for language '${language}'`);
    process.exitCode = 1;
    return;
  }
  const po = parsePo(fs.readFileSync(found.file, 'utf8'));
  console.log(JSON.stringify(toJupyterLabJson(po, language)));
}

function commandCheck(asJson) {
  const { messages, errors } = extract();
  const missing = {};
  for (const { language, file } of poFiles()) {
    const po = parsePo(fs.readFileSync(file, 'utf8'));
    const translated = new Set(po.entries.filter(isTranslated).map(keyOf));
    missing[language] = messages.map(keyOf).filter(key => !translated.has(key));
  }
  const report = {
    extracted: messages.map(keyOf),
    languages: Object.keys(missing),
    missing,
    errors
  };
  const failed =
    errors.length > 0 || Object.values(missing).some(list => list.length);
  if (asJson) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`${messages.length} messages extracted`);
    for (const [language, list] of Object.entries(missing)) {
      console.log(
        `${language}: ${list.length} missing${list.length ? `\n  ${list.join('\n  ')}` : ''}`
      );
    }
    errors.forEach(error => console.error(error));
  }
  process.exitCode = failed ? 1 : 0;
}

const [command, ...flags] = process.argv.slice(2);
if (command === 'extract') {
  commandExtract();
} else if (command === 'compile') {
  commandCompile();
} else if (command === 'json') {
  commandJson(flags[0]);
} else if (command === 'check') {
  commandCheck(flags.includes('--json'));
} else {
  console.error(
    'usage: node scripts/i18n.mjs extract|compile|check [--json]|json <lang>'
  );
  process.exitCode = 2;
}
