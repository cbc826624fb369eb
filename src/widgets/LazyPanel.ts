/** A side-panel shell whose content is built on first show, so its code loads only when used. */
import { Panel, type Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';

/** A Panel that calls `load` once, the first time it is shown, and adds the widget it gives. */
export class LazyPanel extends Panel {
  /** Create the shell; `load` usually wraps a dynamic import(). */
  constructor(private _load: () => Promise<Widget>) {
    super();
  }

  /** The loaded content, once there. */
  get content(): Widget | null {
    return this._content;
  }

  /** Resolves with the content, loading it if needed. */
  ensureLoaded(): Promise<Widget> {
    this._loading ??= this._load().then(widget => {
      this._content = widget;
      this.addWidget(widget);
      return widget;
    });
    return this._loading;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.ensureLoaded();
  }

  private _content: Widget | null = null;
  private _loading: Promise<Widget> | null = null;
}
