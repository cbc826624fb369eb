/** Compiles tutorial Markdown (YAML front matter, `{step}` and language directives) to validated JSON. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document
} from 'yaml';
import { tutorialSchema, type CompiledTutorial } from './tutorial.schema.js';

/** A problem in one tutorial file, located for its author. */
export interface TutorialError {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** What compiling one file gives: the tutorial, or the errors that kept it out. */
export type CompileResult =
  | { tutorial: CompiledTutorial; errors: [] }
  | { tutorial: null; errors: TutorialError[] };

const ajv = new Ajv({ allErrors: true, strict: false });
ajvFormats.default(ajv);
const validate = ajv.compile<CompiledTutorial>(tutorialSchema);

/** A YAML block and where its first line sits in the file (1-based). */
interface YamlBlock {
  doc: Document;
  counter: LineCounter;
  firstLine: number;
}

/** A parsed `{step}` directive before validation. */
interface RawStep {
  id: string;
  line: number;
  options: YamlBlock | null;
  text: Record<string, string>;
}

// Front matter and step option names as authors write them → compiled names.
const RENAMED: Record<string, string> = { show_me: 'showMe' };
const COMPILED_TO_SOURCE: Record<string, string> = { showMe: 'show_me' };

/** Compiles one tutorial file; never throws on bad content. */
export function compileTutorial(file: string, source: string): CompileResult {
  const lines = source.split(/\r?\n/);
  const fail = (line: number, field: string, message: string) => ({
    tutorial: null,
    errors: [{ file, line, field, message }] as TutorialError[]
  });
  if (lines[0]?.trim() !== '---') {
    return fail(
      1,
      'front matter',
      'the file must start with --- and YAML front matter'
    );
  }
  const end = lines.findIndex(
    (line, index) => index > 0 && line.trim() === '---'
  );
  if (end < 0) {
    return fail(1, 'front matter', 'the front matter has no closing ---');
  }
  const front = parseYaml(lines.slice(1, end).join('\n'), 2);
  const errors: TutorialError[] = [];
  collectYamlErrors(front, file, 'front matter', errors);

  const steps: RawStep[] = [];
  for (let index = end + 1; index < lines.length; index++) {
    const open = /^(:{3,})\{step\}\s*(\S*)\s*$/.exec(lines[index] as string);
    if (!open) {
      continue;
    }
    const fence = open[1] as string;
    const close = lines.findIndex(
      (line, at) => at > index && line.trim() === fence
    );
    if (close < 0) {
      errors.push({
        file,
        line: index + 1,
        field: `steps[${open[2] || steps.length}]`,
        message: `the step has no closing ${fence}`
      });
      break;
    }
    const step = parseStep(
      lines,
      index,
      close,
      open[2] as string,
      file,
      errors
    );
    steps.push(step);
    index = close;
  }
  if (errors.length) {
    return { tutorial: null, errors };
  }

  const meta = (front.doc.toJS() ?? {}) as Record<string, unknown>;
  if ('carriesFrom' in meta) {
    return fail(2, 'carriesFrom', 'is set by the service, not by authors');
  }
  const compiled = {
    ...renameKeys(meta),
    kernels: meta.kernels ?? [],
    prerequisites: meta.prerequisites ?? [],
    objectives: meta.objectives ?? {},
    audience: meta.audience ?? 'member',
    version: versionText(front, meta.version),
    source: file,
    steps: steps.map(step => {
      const options = (step.options?.doc.toJS() ?? {}) as Record<
        string,
        unknown
      >;
      return {
        id: step.id,
        ...renameKeys(options),
        hints: options.hints ?? [],
        showMe: options.show_me ?? [],
        text: step.text
      };
    })
  };
  if (!validate(compiled)) {
    return {
      tutorial: null,
      errors: dedupe(
        (validate.errors ?? [])
          // `if`/`then` and property-name wrappers repeat what the inner error already says.
          .filter(
            error => error.keyword !== 'if' && error.keyword !== 'propertyNames'
          )
          .flatMap((error, _, all) => explainAnyOf(error, all))
          .map(error => locate(error, file, front, steps))
      )
    };
  }
  const duplicate = findDuplicateStep(compiled, steps);
  if (duplicate) {
    return fail(
      duplicate.line,
      `steps[${duplicate.id}]`,
      'two steps have this id'
    );
  }
  return { tutorial: compiled, errors: [] };
}

/** Compiles every `*.md` file of a folder but its README; a bad file is reported and skipped. */
export async function compileFolder(dir: string): Promise<{
  tutorials: CompiledTutorial[];
  errors: TutorialError[];
}> {
  let names: string[];
  try {
    names = (await readdir(dir))
      .filter(
        name => name.endsWith('.md') && name.toLowerCase() !== 'readme.md'
      )
      .sort();
  } catch {
    return { tutorials: [], errors: [] };
  }
  const tutorials: CompiledTutorial[] = [];
  const errors: TutorialError[] = [];
  for (const name of names) {
    const result = compileTutorial(
      name,
      await readFile(join(dir, name), 'utf8')
    );
    if (!result.tutorial) {
      errors.push(...result.errors);
    } else if (tutorials.some(other => other.id === result.tutorial.id)) {
      errors.push({
        file: name,
        line: 2,
        field: 'id',
        message: `another file already has id ${result.tutorial.id}`
      });
    } else {
      tutorials.push(result.tutorial);
    }
  }
  return { tutorials, errors };
}

function parseStep(
  lines: string[],
  open: number,
  close: number,
  id: string,
  file: string,
  errors: TutorialError[]
): RawStep {
  const step: RawStep = { id, line: open + 1, options: null, text: {} };
  let index = open + 1;
  while (index < close && lines[index]?.trim() === '') {
    index++;
  }
  if (lines[index]?.trim() === '---') {
    const endOptions = lines.findIndex(
      (line, at) => at > index && at < close && line.trim() === '---'
    );
    if (endOptions < 0) {
      errors.push({
        file,
        line: index + 1,
        field: `steps[${id}]`,
        message: 'the step options have no closing ---'
      });
      return step;
    }
    step.options = parseYaml(
      lines.slice(index + 1, endOptions).join('\n'),
      index + 2
    );
    collectYamlErrors(step.options, file, `steps[${id}]`, errors);
    index = endOptions + 1;
  }
  for (; index < close; index++) {
    const lang = /^(:{3,})\{([a-z]{2})\}\s*$/.exec(lines[index] as string);
    if (!lang) {
      continue;
    }
    const fence = lang[1] as string;
    const end = lines.findIndex(
      (line, at) => at > index && at < close && line.trim() === fence
    );
    if (end < 0) {
      errors.push({
        file,
        line: index + 1,
        field: `steps[${id}].text.${lang[2]}`,
        message: `the language block has no closing ${fence}`
      });
      return step;
    }
    step.text[lang[2] as string] = lines
      .slice(index + 1, end)
      .join('\n')
      .trim();
    index = end;
  }
  return step;
}

function parseYaml(text: string, firstLine: number): YamlBlock {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false
  });
  return { doc, counter, firstLine };
}

function collectYamlErrors(
  block: YamlBlock,
  file: string,
  field: string,
  errors: TutorialError[]
): void {
  for (const error of block.doc.errors) {
    errors.push({
      file,
      line: block.firstLine + block.counter.linePos(error.pos[0]).line - 1,
      field,
      message: `YAML: ${error.message.split('\n')[0]}`
    });
  }
}

/** The version as written: YAML reads `1.10` as the number 1.1, so take the source text. */
function versionText(front: YamlBlock, value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const node = front.doc.get('version', true);
  return isScalar(node) && typeof node.source === 'string'
    ? node.source
    : String(value);
}

function renameKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [RENAMED[key] ?? key, value])
  );
}

/** Turns an Ajv error into file, line and a readable field path. */
function locate(
  error: ErrorObject,
  file: string,
  front: YamlBlock,
  steps: RawStep[]
): TutorialError {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as {
    missingProperty?: string;
    additionalProperty?: string;
  };
  // An unknown field is located at, and named by, the field itself.
  const extra = error.keyword === 'additionalProperties';
  if (extra && params.additionalProperty) {
    path.push(params.additionalProperty);
  }
  const missing = params.missingProperty;
  let block: YamlBlock | null = front;
  let fallbackLine = 1;
  let field = '';
  let inside = path;
  if (path[0] === 'steps' && path.length > 1) {
    const step = steps[Number(path[1])];
    block = step?.options ?? null;
    fallbackLine = step?.line ?? 1;
    field = `steps[${step?.id ?? path[1]}]`;
    inside = path.slice(2);
  }
  const readable = inside
    .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  field =
    `${field}${readable}`.replace(/^\./, '') +
    (missing ? `${field || readable ? '.' : ''}${missing}` : '');
  return {
    file,
    line: block ? lineOf(block, inside, fallbackLine) : fallbackLine,
    field: field || '(tutorial)',
    message: extra
      ? 'is not a field this tutorial format knows'
      : (error.message ?? 'is not valid')
  };
}

/** The line of the deepest YAML node that exists on the path. */
function lineOf(block: YamlBlock, path: string[], fallback: number): number {
  const keys = path.map(part =>
    /^\d+$/.test(part) ? Number(part) : (COMPILED_TO_SOURCE[part] ?? part)
  );
  for (let depth = keys.length; depth > 0; depth--) {
    const node = block.doc.getIn(keys.slice(0, depth), true) as
      { range?: [number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      return block.firstLine + block.counter.linePos(node.range[0]).line - 1;
    }
    const parent =
      depth > 1
        ? block.doc.getIn(keys.slice(0, depth - 1), true)
        : block.doc.contents;
    if ((isMap(parent) || isSeq(parent)) && parent.range && depth === 1) {
      return block.firstLine + block.counter.linePos(parent.range[0]).line - 1;
    }
  }
  return block.doc.contents &&
    (block.doc.contents as { range?: [number, number] }).range
    ? block.firstLine
    : fallback;
}

function findDuplicateStep(
  tutorial: CompiledTutorial,
  steps: RawStep[]
): RawStep | undefined {
  const seen = new Set<string>();
  for (const [index, step] of tutorial.steps.entries()) {
    if (seen.has(step.id)) {
      return steps[index];
    }
    seen.add(step.id);
  }
  return undefined;
}

function dedupe(errors: TutorialError[]): TutorialError[] {
  const seen = new Set<string>();
  return errors.filter(error => {
    const key = `${error.line}|${error.field}|${error.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** An `anyOf` of `required` branches reads better as one "requires one of" error. */
function explainAnyOf(error: ErrorObject, all: ErrorObject[]): ErrorObject[] {
  const branch = (other: ErrorObject) =>
    other.keyword === 'required' &&
    other.instancePath === error.instancePath &&
    other.schemaPath.includes('/anyOf/');
  if (branch(error)) {
    return [];
  }
  if (error.keyword !== 'anyOf') {
    return [error];
  }
  const names = all
    .filter(branch)
    .map(
      other => (other.params as { missingProperty: string }).missingProperty
    );
  return [{ ...error, message: `requires one of: ${names.join(', ')}` }];
}
