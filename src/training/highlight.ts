/** "Show where": outlines a step's target in JupyterLab, found by widget id or notebook cell id. */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { Widget } from '@lumino/widgets';

/** How long the outline stays unless Esc removes it first. */
const HIGHLIGHT_MS = 5000;

/** Just what is read of a notebook panel's content. */
interface INotebookLike {
  widgets: readonly { model: { id: string }; node: HTMLElement }[];
  activeCellIndex: number;
  scrollToItem?(index: number): Promise<void>;
}

/**
 * A highlighter for `app`: the target is a shell widget id (activated first, so a closed side
 * panel opens) or `cell:<id>` (the cell is made active, which scrolls a windowed notebook to it).
 *
 * #### Notes
 * Focus stays where it is, so a keyboard user keeps their place in the training panel.
 */
export function createHighlighter(
  app: JupyterFrontEnd
): (target: string) => boolean {
  let clearCurrent: (() => void) | null = null;
  return target => {
    clearCurrent?.();
    const node = target.startsWith('cell:')
      ? Private.cellNode(app, target.slice(5))
      : Private.widgetNode(app, target);
    if (!node) {
      return false;
    }
    node.classList.add('jp-Catalyst-highlight');
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        clear();
      }
    };
    const clear = () => {
      node.classList.remove('jp-Catalyst-highlight');
      document.removeEventListener('keydown', onKey, true);
      window.clearTimeout(timer);
      clearCurrent = null;
    };
    document.addEventListener('keydown', onKey, true);
    const timer = window.setTimeout(clear, HIGHLIGHT_MS);
    clearCurrent = clear;
    return true;
  };
}

namespace Private {
  export function widgetNode(
    app: JupyterFrontEnd,
    id: string
  ): HTMLElement | null {
    try {
      app.shell.activateById(id);
    } catch {
      // Not a shell widget: it may still be an element of one.
    }
    return document.getElementById(id);
  }

  export function cellNode(
    app: JupyterFrontEnd,
    cellId: string
  ): HTMLElement | null {
    for (const widget of app.shell.widgets('main')) {
      const notebook = (widget as Widget & { content?: INotebookLike }).content;
      if (!widget.hasClass('jp-NotebookPanel') || !notebook?.widgets) {
        continue;
      }
      const index = notebook.widgets.findIndex(
        cell => cell.model.id === cellId
      );
      if (index < 0) {
        continue;
      }
      app.shell.activateById(widget.id);
      notebook.activeCellIndex = index;
      void notebook.scrollToItem?.(index);
      return notebook.widgets[index]?.node ?? null;
    }
    return null;
  }
}
