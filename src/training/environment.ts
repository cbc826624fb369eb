/** The check environment over a running JupyterLab: reads the shell, notebook models, kernel and files. */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { IDisposable } from '@lumino/disposable';
import type { Widget } from '@lumino/widgets';

import type { ICatalystClient } from '../tokens';
import type {
  ICellView,
  ICheckEnvironment,
  IKernelExpressions,
  INotebookView,
  KernelAnswer,
  KernelLanguage
} from './checks';
import type { IHubCheck, IHubCheckResult } from './types';

/** Just what the checks read of a notebook panel (no import of @jupyterlab/notebook needed). */
interface INotebookPanelLike extends Widget {
  context: { path: string };
  content: { model: { cells: Iterable<ICellModelLike> } | null };
  sessionContext: {
    session: { kernel: IKernelLike | null } | null;
  };
}

interface ICellModelLike {
  id: string;
  type: string;
  getMetadata(key: string): unknown;
  executionCount?: number | null;
  outputs?: { toJSON(): IOutputLike[] };
}

interface IOutputLike {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

interface IKernelLike {
  name: string;
  info: Promise<{ language_info?: { name?: string } }>;
  requestExecute(
    content: Record<string, unknown>,
    disposeOnDone?: boolean
  ): { done: Promise<{ content: Record<string, unknown> }>; dispose(): void };
}

/** A check environment that also listens to executed commands until disposed. */
export class LabEnvironment implements ICheckEnvironment, IDisposable {
  /** Start listening to `app.commands.commandExecuted`. */
  constructor(
    private _app: JupyterFrontEnd,
    private _settings: ISettingRegistry | null,
    private _client: ICatalystClient
  ) {
    _app.commands.commandExecuted.connect(this._onCommand, this);
  }

  /** Whether the environment was disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  executedCommands(): { id: string; args: unknown }[] {
    return this._commands;
  }

  currentWidget(): { id: string; classes: string[] } | null {
    const widget = this._app.shell.currentWidget;
    return widget
      ? { id: widget.id, classes: Array.from(widget.node.classList) }
      : null;
  }

  notebooks(): INotebookView[] {
    return this._panels().map(panel => ({
      path: panel.context.path,
      cells: Array.from(panel.content.model?.cells ?? [], Private.cellView)
    }));
  }

  async evaluate(
    expressions: IKernelExpressions,
    timeoutMs: number
  ): Promise<KernelAnswer> {
    const kernel = this._panels()[0]?.sessionContext.session?.kernel;
    if (!kernel) {
      return { status: 'no-kernel' };
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>(resolve => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const info = await Promise.race([kernel.info, timeout]);
      if (!info) {
        return { status: 'error', ename: 'Timeout', evalue: '' };
      }
      const language = Private.language(info.language_info?.name, kernel.name);
      const expression = language ? expressions[language] : undefined;
      if (!language || !expression) {
        return {
          status: 'no-expression',
          language: info.language_info?.name ?? kernel.name
        };
      }
      // silent: no output, no history, no execution count change, in both kernels.
      const future = kernel.requestExecute(
        {
          code: language === 'r' ? Private.rProbe(expression) : '',
          silent: true,
          store_history: false,
          allow_stdin: false,
          stop_on_error: false,
          user_expressions:
            language === 'python' ? { catalyst: expression } : {}
        },
        true
      );
      const reply = await Promise.race([future.done, timeout]);
      if (!reply) {
        future.dispose();
        return { status: 'error', ename: 'Timeout', evalue: '' };
      }
      const result =
        language === 'python'
          ? (
              reply.content.user_expressions as Record<
                string,
                Private.IExpression
              >
            )?.catalyst
          : Private.fromPager(reply.content.payload);
      if (!result) {
        return { status: 'error', ename: 'NoResult', evalue: '' };
      }
      if (result.status !== 'ok') {
        return {
          status: 'error',
          ename: result.ename ?? 'Error',
          evalue: result.evalue ?? ''
        };
      }
      return {
        status: 'ok',
        value: String(result.data?.['text/plain'] ?? ''),
        language
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async hubState(check: IHubCheck): Promise<IHubCheckResult> {
    return this._client.request<IHubCheckResult>('api/training/hub-check', {
      method: 'POST',
      body: check
    });
  }

  async fileType(path: string): Promise<string | null> {
    try {
      const model = await this._app.serviceManager.contents.get(path, {
        content: false
      });
      return model.type;
    } catch {
      return null;
    }
  }

  async setting(plugin: string, key: string): Promise<unknown> {
    if (!this._settings) {
      return undefined;
    }
    const value = await this._settings.get(plugin, key);
    return value.composite;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._app.commands.commandExecuted.disconnect(this._onCommand, this);
  }

  private _onCommand(_: unknown, args: { id: string; args: unknown }): void {
    this._commands.push({ id: args.id, args: args.args });
    // Only the recent past matters to a step; keep memory bounded.
    if (this._commands.length > 500) {
      this._commands.splice(0, this._commands.length - 500);
    }
  }

  /** Open notebook panels, the current widget first. */
  private _panels(): INotebookPanelLike[] {
    const panels = Array.from(this._app.shell.widgets('main')).filter(
      Private.isNotebookPanel
    );
    const current = this._app.shell.currentWidget;
    return panels.sort((a, b) => Number(b === current) - Number(a === current));
  }

  private _commands: { id: string; args: unknown }[] = [];
  private _isDisposed = false;
}

namespace Private {
  /** The kernel's language as a check names it. */
  export function language(
    name: string | undefined,
    kernelName: string
  ): KernelLanguage | null {
    const lower = (name ?? '').toLowerCase();
    if (lower === 'python' || kernelName.startsWith('python')) {
      return 'python';
    }
    if (lower === 'r' || kernelName === 'ir') {
      return 'r';
    }
    return null;
  }

  /**
   * R code that evaluates `expression` and hands back its printed value without side effects.
   *
   * #### Notes
   * IRkernel ignores `user_expressions` and, for a silent request, drops streams but still
   * returns the pager payload; the value travels there. Errors are caught inside, because an
   * error reply would make IRkernel abort the learner's queued cells. `local` keeps the
   * learner's global environment unchanged, and the temporary file is removed.
   */
  export function rProbe(expression: string): string {
    return [
      'local({',
      `  .r <- tryCatch(list(status = "ok", value = paste(format(eval(parse(text = ${JSON.stringify(expression)}), envir = globalenv())), collapse = " ")),`,
      '    error = function(e) list(status = "error", ename = class(e)[[1]], evalue = conditionMessage(e)))',
      '  .f <- tempfile("catalyst-check")',
      '  on.exit(unlink(.f))',
      '  writeLines(c("catalyst-check", jsonlite::toJSON(.r, auto_unbox = TRUE)), .f)',
      '  getOption("pager")(.f, "", "", FALSE)',
      '})'
    ].join('\n');
  }

  /** The R probe's answer, read from the execute reply's pager payload. */
  export function fromPager(payload: unknown): IExpression | undefined {
    const pages = Array.isArray(payload) ? payload : [];
    for (const page of pages as { data?: Record<string, unknown> }[]) {
      const text = String(page.data?.['text/plain'] ?? '');
      const at = text.indexOf('catalyst-check\n');
      if (at < 0) {
        continue;
      }
      try {
        const answer = JSON.parse(text.slice(at + 15)) as {
          status: string;
          value?: string;
          ename?: string;
          evalue?: string;
        };
        return answer.status === 'ok'
          ? { status: 'ok', data: { 'text/plain': answer.value ?? '' } }
          : { status: 'error', ename: answer.ename, evalue: answer.evalue };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** One `user_expressions` result. */
  export interface IExpression {
    status: string;
    data?: Record<string, unknown>;
    ename?: string;
    evalue?: string;
  }

  export function isNotebookPanel(
    widget: Widget
  ): widget is INotebookPanelLike {
    const candidate = widget as unknown as Partial<INotebookPanelLike>;
    return (
      widget.hasClass('jp-NotebookPanel') &&
      !!candidate.context &&
      !!candidate.content &&
      !!candidate.sessionContext
    );
  }

  export function cellView(cell: ICellModelLike): ICellView {
    const tags = cell.getMetadata('tags');
    return {
      id: cell.id,
      type: cell.type,
      tags: Array.isArray(tags) ? tags.map(String) : [],
      executionCount: cell.executionCount ?? null,
      outputText: (cell.outputs?.toJSON() ?? []).map(outputText).join('\n')
    };
  }

  function outputText(output: IOutputLike): string {
    const join = (value: unknown) =>
      Array.isArray(value) ? value.join('') : String(value ?? '');
    switch (output.output_type) {
      case 'stream':
        return join(output.text);
      case 'error':
        return `${output.ename}: ${output.evalue}`;
      default:
        return join(output.data?.['text/plain']);
    }
  }
}
