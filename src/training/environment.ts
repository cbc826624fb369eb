/** The check environment over a running JupyterLab: reads the shell, notebook models, kernel and files. */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { IDisposable } from '@lumino/disposable';
import type { Widget } from '@lumino/widgets';

import type {
  ICellView,
  ICheckEnvironment,
  INotebookView,
  KernelAnswer
} from './checks';

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
    private _settings: ISettingRegistry | null
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

  async evaluate(expression: string, timeoutMs: number): Promise<KernelAnswer> {
    const kernel = this._panels()[0]?.sessionContext.session?.kernel;
    if (!kernel) {
      return { status: 'no-kernel' };
    }
    // silent + store_history false: no output, no history, no execution count change.
    const future = kernel.requestExecute(
      {
        code: '',
        silent: true,
        store_history: false,
        allow_stdin: false,
        stop_on_error: false,
        user_expressions: { catalyst: expression }
      },
      true
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>(resolve => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const reply = await Promise.race([future.done, timeout]);
      if (!reply) {
        future.dispose();
        return { status: 'error', ename: 'Timeout', evalue: '' };
      }
      const result = (
        reply.content.user_expressions as Record<string, Private.IExpression>
      )?.catalyst;
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
      return { status: 'ok', value: String(result.data?.['text/plain'] ?? '') };
    } finally {
      clearTimeout(timer);
    }
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
