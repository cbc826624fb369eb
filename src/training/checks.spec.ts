import {
  runCheck,
  targetCells,
  type ICellView,
  type ICheckEnvironment,
  type INotebookView,
  type KernelAnswer
} from './checks';
import type { Check, IHubCheck, IHubCheckResult } from './types';

function cell(overrides: Partial<ICellView>): ICellView {
  return {
    id: 'c1',
    type: 'code',
    tags: [],
    executionCount: null,
    outputText: '',
    ...overrides
  };
}

function environment(
  overrides: Partial<ICheckEnvironment> = {}
): ICheckEnvironment {
  return {
    executedCommands: () => [],
    currentWidget: () => null,
    notebooks: () => [],
    evaluate: async () => ({ status: 'no-kernel' }),
    hubState: async () => {
      throw new Error('no service');
    },
    fileType: async () => null,
    setting: async () => undefined,
    ...overrides
  };
}

const notebook = (cells: ICellView[]): INotebookView[] => [
  { path: 'a.ipynb', cells }
];

describe('training checks', () => {
  it('passes a command check only after the command ran with matching args', async () => {
    const check: Check = {
      type: 'command',
      command: 'notebook:create-new',
      args: { kernelName: 'python3' }
    };
    const log: { id: string; args: unknown }[] = [];
    const env = environment({ executedCommands: () => log });
    expect((await runCheck(check, env)).reasons).toEqual([
      { code: 'no-command', command: 'notebook:create-new' }
    ]);
    log.push({ id: 'notebook:create-new', args: { kernelName: 'ir' } });
    expect((await runCheck(check, env)).passed).toBe(false);
    log.push({
      id: 'notebook:create-new',
      args: { kernelName: 'python3', cwd: '' }
    });
    expect((await runCheck(check, env)).passed).toBe(true);
  });

  it('matches the current widget by id or class', async () => {
    const env = environment({
      currentWidget: () => ({ id: 'nb-1', classes: ['jp-NotebookPanel'] })
    });
    expect(
      (await runCheck({ type: 'widget', className: 'jp-NotebookPanel' }, env))
        .passed
    ).toBe(true);
    expect((await runCheck({ type: 'widget', id: 'nb-1' }, env)).passed).toBe(
      true
    );
    expect(
      (await runCheck({ type: 'widget', className: 'jp-FileEditor' }, env))
        .reasons
    ).toEqual([{ code: 'no-widget' }]);
    expect(
      (
        await runCheck(
          { type: 'widget', className: 'jp-NotebookPanel' },
          environment()
        )
      ).passed
    ).toBe(false);
  });

  it('finds cells by id or tag, never by position', () => {
    const cells = [
      cell({ id: 'a', tags: ['load-data'] }),
      cell({ id: 'b' }),
      cell({ id: 'm', type: 'markdown' })
    ];
    expect(
      targetCells({ cellId: 'b' }, notebook(cells)).map(c => c.id)
    ).toEqual(['b']);
    expect(
      targetCells({ tag: 'load-data' }, notebook(cells)).map(c => c.id)
    ).toEqual(['a']);
    expect(targetCells({}, notebook(cells)).map(c => c.id)).toEqual(['a', 'b']);
  });

  it('fails a cell check before the cell runs and passes after', async () => {
    const cells = [cell({ id: 'x', tags: ['hello'] })];
    const env = environment({ notebooks: () => notebook(cells) });
    const check: Check = { type: 'cell-executed', tag: 'hello' };
    expect((await runCheck(check, env)).reasons).toEqual([{ code: 'not-run' }]);
    cells[0] = cell({ id: 'x', tags: ['hello'], executionCount: 1 });
    expect((await runCheck(check, env)).passed).toBe(true);
    expect(
      (await runCheck({ type: 'cell-executed', cellId: 'nope' }, env)).reasons
    ).toEqual([{ code: 'no-cell', target: 'nope' }]);
    expect(
      (await runCheck(check, environment({ notebooks: () => [] }))).reasons
    ).toEqual([{ code: 'no-notebook' }]);
  });

  it('matches outputs of run cells with a regular expression', async () => {
    const cells = [
      cell({ executionCount: 2, outputText: 'Hello, Catalyst\n' })
    ];
    const env = environment({ notebooks: () => notebook(cells) });
    expect(
      (
        await runCheck(
          { type: 'output-matches', regex: 'Hello,? Catalyst' },
          env
        )
      ).passed
    ).toBe(true);
    expect(
      (await runCheck({ type: 'output-matches', regex: '^42$' }, env)).reasons
    ).toEqual([{ code: 'no-output-match' }]);
  });

  it('compares a kernel expression with the expected repr', async () => {
    const evaluate = jest.fn(async (): Promise<KernelAnswer> => ({
      status: 'ok',
      value: 'True',
      language: 'python'
    }));
    const env = environment({ evaluate });
    const check: Check = { type: 'kernel', python: 'answer == 42' };
    expect((await runCheck(check, env)).passed).toBe(true);
    expect(evaluate).toHaveBeenCalledWith(
      { python: 'answer == 42', r: undefined },
      expect.any(Number)
    );
    evaluate.mockResolvedValueOnce({
      status: 'ok',
      value: 'False',
      language: 'python'
    });
    expect((await runCheck(check, env)).reasons).toEqual([
      { code: 'kernel-false', value: 'False' }
    ]);
    const failing = environment({
      evaluate: async () => ({
        status: 'error',
        ename: 'NameError',
        evalue: 'x'
      })
    });
    expect((await runCheck(check, failing)).reasons).toEqual([
      { code: 'kernel-error', ename: 'NameError' }
    ]);
    expect((await runCheck(check, environment())).reasons).toEqual([
      { code: 'no-kernel' }
    ]);
  });

  it('reads R truth as TRUE and says when a step has no expression for the kernel', async () => {
    const check: Check = {
      type: 'kernel',
      python: "globals().get('n') == 3",
      r: 'exists("n") && n == 3'
    };
    const r = (value: string) =>
      environment({
        evaluate: async () => ({ status: 'ok', value, language: 'r' })
      });
    expect((await runCheck(check, r('TRUE'))).passed).toBe(true);
    // R's FALSE and Python's True are not R's TRUE.
    expect((await runCheck(check, r('FALSE'))).reasons).toEqual([
      { code: 'kernel-false', value: 'FALSE' }
    ]);
    expect((await runCheck(check, r('True'))).passed).toBe(false);
    expect((await runCheck({ ...check, expect: '3' }, r('3'))).passed).toBe(
      true
    );
    const julia = environment({
      evaluate: async () => ({ status: 'no-expression', language: 'julia' })
    });
    expect((await runCheck(check, julia)).reasons).toEqual([
      { code: 'kernel-language', language: 'julia' }
    ]);
  });

  it("passes a hub check on the service's verdict and fails when it cannot ask", async () => {
    const check: Check = { type: 'hub', user: 'test-learner', running: false };
    const verdicts: IHubCheckResult[] = [
      {
        passed: false,
        reason: 'running',
        user: 'test-learner',
        server: ''
      },
      { passed: true, reason: 'passed', user: 'test-learner' }
    ];
    const asked: IHubCheck[] = [];
    const env = environment({
      hubState: async sent => {
        asked.push(sent);
        return verdicts.shift() as IHubCheckResult;
      }
    });
    expect((await runCheck(check, env)).reasons).toEqual([
      {
        code: 'hub',
        result: {
          passed: false,
          reason: 'running',
          user: 'test-learner',
          server: ''
        }
      }
    ]);
    expect((await runCheck(check, env)).passed).toBe(true);
    expect(asked).toEqual([check, check]);
    expect((await runCheck(check, environment())).reasons).toEqual([
      { code: 'hub-unavailable' }
    ]);
  });

  it('times out a check that hangs', async () => {
    const env = environment({ evaluate: () => new Promise(() => undefined) });
    const result = await runCheck(
      { type: 'kernel', python: 'slow()' },
      env,
      {},
      20
    );
    expect(result).toEqual({ passed: false, reasons: [{ code: 'timeout' }] });
  });

  it('checks files, settings, quizzes and self-reports', async () => {
    const env = environment({
      fileType: async path => (path === 'first.ipynb' ? 'notebook' : null),
      setting: async () => 'JupyterLab Dark'
    });
    expect(
      (await runCheck({ type: 'file', path: 'first.ipynb' }, env)).passed
    ).toBe(true);
    expect(
      (
        await runCheck(
          { type: 'file', path: 'first.ipynb', fileType: 'directory' },
          env
        )
      ).passed
    ).toBe(false);
    expect(
      (await runCheck({ type: 'file', path: 'other.ipynb' }, env)).reasons
    ).toEqual([{ code: 'no-file', path: 'other.ipynb' }]);
    const setting: Check = {
      type: 'setting',
      plugin: '@jupyterlab/apputils-extension:themes',
      key: 'theme',
      equals: 'JupyterLab Dark'
    };
    expect((await runCheck(setting, env)).passed).toBe(true);

    const right = { id: 'a', text: { en: 'A' }, correct: true };
    const wrong = { id: 'b', text: { en: 'B' }, feedback: { en: 'No: B.' } };
    const quiz: Check = {
      type: 'quiz',
      question: { en: 'Q' },
      options: [right, wrong]
    };
    expect((await runCheck(quiz, env)).reasons).toEqual([
      { code: 'quiz-unanswered' }
    ]);
    expect(await runCheck(quiz, env, { quiz: 'b' })).toEqual({
      passed: false,
      reasons: [{ code: 'quiz-answer', option: wrong }]
    });
    expect((await runCheck(quiz, env, { quiz: 'a' })).passed).toBe(true);

    expect((await runCheck({ type: 'self-report' }, env)).passed).toBe(false);
    expect(
      (await runCheck({ type: 'self-report' }, env, { selfReported: true }))
        .passed
    ).toBe(true);
  });

  it('combines checks with all and any, explaining failures', async () => {
    const env = environment({
      notebooks: () => notebook([cell({ executionCount: 1, outputText: 'hi' })])
    });
    const run: Check = { type: 'cell-executed' };
    const hello: Check = { type: 'output-matches', regex: 'Hello' };
    expect(await runCheck({ type: 'all', checks: [run, hello] }, env)).toEqual({
      passed: false,
      reasons: [{ code: 'no-output-match' }]
    });
    expect(
      (await runCheck({ type: 'any', checks: [run, hello] }, env)).passed
    ).toBe(true);
  });

  it('never throws: an environment error becomes a reason', async () => {
    const env = environment({
      fileType: async () => {
        throw new Error('boom');
      }
    });
    expect(await runCheck({ type: 'file', path: 'x' }, env)).toEqual({
      passed: false,
      reasons: [{ code: 'error', message: 'Error: boom' }]
    });
  });
});
