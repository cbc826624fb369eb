/**
 * Step checks: pure logic over an environment that only reads JupyterLab's state.
 *
 * #### Notes
 * Cells are found by id or tag in the notebook model, never by position or DOM, because
 * notebook windowing leaves off-screen cells out of the DOM.
 */
import type { Check, IHubCheck, IHubCheckResult, IQuizOption } from './types';

/** A code or markdown cell, as a check sees it. */
export interface ICellView {
  id: string;
  type: string;
  tags: string[];
  executionCount: number | null;
  /** Text of the outputs: streams, text/plain and error names and values. */
  outputText: string;
}

/** An open notebook. */
export interface INotebookView {
  path: string;
  cells: ICellView[];
}

/** The outcome of asking the kernel for an expression's value. */
export type KernelAnswer =
  | { status: 'ok'; value: string; language: KernelLanguage }
  | { status: 'error'; ename: string; evalue: string }
  | { status: 'no-kernel' }
  | { status: 'no-expression'; language: string };

/** Kernel languages a kernel check can be written for. */
export type KernelLanguage = 'python' | 'r';

/** A kernel check's expression per language. */
export interface IKernelExpressions {
  python?: string;
  r?: string;
}

/** What checks may read; every member is read-only. */
export interface ICheckEnvironment {
  /** Commands executed since the panel started listening. */
  executedCommands(): { id: string; args: unknown }[];
  /** The current main-area widget. */
  currentWidget(): { id: string; classes: string[] } | null;
  /** Open notebooks, the current one first. */
  notebooks(): INotebookView[];
  /** Evaluates the expression for the current notebook kernel's language, without side effects. */
  evaluate(
    expressions: IKernelExpressions,
    timeoutMs: number
  ): Promise<KernelAnswer>;
  /** Asks the service about the hub's state; throws when it cannot answer. */
  hubState(check: IHubCheck): Promise<IHubCheckResult>;
  /** The type of the file at `path`, or null when there is none. */
  fileType(path: string): Promise<string | null>;
  /** A setting's composite value. */
  setting(plugin: string, key: string): Promise<unknown>;
}

/** What the learner answered in the panel for the current step. */
export interface IAnswers {
  /** The chosen option of the step's quiz. */
  quiz?: string;
  /** The learner said they did it. */
  selfReported?: boolean;
}

/** Why a check passed or failed; the panel turns it into a sentence. */
export type Reason =
  | { code: 'passed' }
  | { code: 'timeout' }
  | { code: 'no-command'; command: string }
  | { code: 'no-widget' }
  | { code: 'no-notebook' }
  | { code: 'no-cell'; target: string }
  | { code: 'not-run' }
  | { code: 'no-output-match' }
  | { code: 'no-kernel' }
  | { code: 'kernel-false'; value: string }
  | { code: 'kernel-error'; ename: string }
  | { code: 'kernel-language'; language: string }
  | { code: 'hub'; result: IHubCheckResult }
  | { code: 'hub-unavailable' }
  | { code: 'no-file'; path: string }
  | { code: 'setting-differs' }
  | { code: 'quiz-unanswered' }
  | { code: 'quiz-answer'; option: IQuizOption }
  | { code: 'self-report' }
  | { code: 'error'; message: string };

/** The outcome of a check. */
export interface ICheckResult {
  passed: boolean;
  reasons: Reason[];
}

/** Default time limit of one check (kernel checks may set their own). */
export const CHECK_TIMEOUT_MS = 5000;

/** Runs a check; it never throws and ends within its time limit. */
export async function runCheck(
  check: Check,
  env: ICheckEnvironment,
  answers: IAnswers = {},
  timeoutMs = CHECK_TIMEOUT_MS
): Promise<ICheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ICheckResult>(resolve => {
    timer = setTimeout(
      () => resolve({ passed: false, reasons: [{ code: 'timeout' }] }),
      timeoutMs
    );
  });
  try {
    return await Promise.race([evaluate(check, env, answers), timeout]);
  } catch (error) {
    return {
      passed: false,
      reasons: [{ code: 'error', message: String(error) }]
    };
  } finally {
    clearTimeout(timer);
  }
}

const pass: ICheckResult = { passed: true, reasons: [{ code: 'passed' }] };

function fail(reason: Reason): ICheckResult {
  return { passed: false, reasons: [reason] };
}

async function evaluate(
  check: Check,
  env: ICheckEnvironment,
  answers: IAnswers
): Promise<ICheckResult> {
  switch (check.type) {
    case 'command':
      return env
        .executedCommands()
        .some(
          entry =>
            entry.id === check.command && argsMatch(check.args, entry.args)
        )
        ? pass
        : fail({ code: 'no-command', command: check.command });
    case 'widget': {
      const current = env.currentWidget();
      const matches =
        !!current &&
        (check.id === undefined || current.id === check.id) &&
        (check.className === undefined ||
          current.classes.includes(check.className));
      return matches ? pass : fail({ code: 'no-widget' });
    }
    case 'cell-executed':
    case 'output-matches':
      return checkCells(check, env.notebooks());
    case 'kernel': {
      const answer = await env.evaluate(
        { python: check.python, r: check.r },
        check.timeoutMs ?? CHECK_TIMEOUT_MS - 500
      );
      if (answer.status === 'no-kernel') {
        return fail({ code: 'no-kernel' });
      }
      if (answer.status === 'no-expression') {
        return fail({ code: 'kernel-language', language: answer.language });
      }
      if (answer.status === 'error') {
        return fail({ code: 'kernel-error', ename: answer.ename });
      }
      // Each language prints truth its own way.
      const expected =
        check.expect ?? (answer.language === 'r' ? 'TRUE' : 'True');
      return answer.value === expected
        ? pass
        : fail({ code: 'kernel-false', value: answer.value });
    }
    case 'hub': {
      let result: IHubCheckResult;
      try {
        result = await env.hubState(check);
      } catch {
        return fail({ code: 'hub-unavailable' });
      }
      return result.passed ? pass : fail({ code: 'hub', result });
    }
    case 'file': {
      const type = await env.fileType(check.path);
      return type !== null &&
        (check.fileType === undefined || type === check.fileType)
        ? pass
        : fail({ code: 'no-file', path: check.path });
    }
    case 'setting': {
      const value = await env.setting(check.plugin, check.key);
      return JSON.stringify(value) === JSON.stringify(check.equals)
        ? pass
        : fail({ code: 'setting-differs' });
    }
    case 'quiz': {
      const option = check.options.find(o => o.id === answers.quiz);
      if (!option) {
        return fail({ code: 'quiz-unanswered' });
      }
      return {
        passed: option.correct === true,
        reasons: [{ code: 'quiz-answer', option }]
      };
    }
    case 'self-report':
      return answers.selfReported ? pass : fail({ code: 'self-report' });
    case 'all':
    case 'any': {
      const results = await Promise.all(
        check.checks.map(inner => evaluate(inner, env, answers))
      );
      const passed =
        check.type === 'all'
          ? results.every(r => r.passed)
          : results.some(r => r.passed);
      // Explain with the failures (all) or with what passed (any).
      const relevant = results.filter(r => r.passed === passed);
      return {
        passed,
        reasons: passed
          ? [{ code: 'passed' }]
          : relevant.flatMap(r => r.reasons)
      };
    }
  }
}

/** Cells a check targets: by id, by tag, or every code cell when it names none. */
export function targetCells(
  check: { cellId?: string; tag?: string },
  notebooks: INotebookView[]
): ICellView[] {
  return notebooks.flatMap(notebook =>
    notebook.cells.filter(cell =>
      check.cellId !== undefined
        ? cell.id === check.cellId
        : check.tag !== undefined
          ? cell.tags.includes(check.tag)
          : cell.type === 'code'
    )
  );
}

function checkCells(
  check: Extract<Check, { type: 'cell-executed' | 'output-matches' }>,
  notebooks: INotebookView[]
): ICheckResult {
  if (!notebooks.length) {
    return fail({ code: 'no-notebook' });
  }
  const cells = targetCells(check, notebooks);
  if (!cells.length) {
    return fail({
      code: 'no-cell',
      target: check.cellId ?? (check.tag ? `#${check.tag}` : '')
    });
  }
  const run = cells.filter(cell => cell.executionCount !== null);
  if (!run.length) {
    return fail({ code: 'not-run' });
  }
  if (check.type === 'cell-executed') {
    return pass;
  }
  const pattern = new RegExp(check.regex);
  return run.some(cell => pattern.test(cell.outputText))
    ? pass
    : fail({ code: 'no-output-match' });
}

/** Whether executed args contain every expected key with the same value. */
function argsMatch(
  expected: Record<string, unknown> | undefined,
  actual: unknown
): boolean {
  if (!expected) {
    return true;
  }
  const given = (actual ?? {}) as Record<string, unknown>;
  return Object.entries(expected).every(
    ([key, value]) => JSON.stringify(given[key]) === JSON.stringify(value)
  );
}
