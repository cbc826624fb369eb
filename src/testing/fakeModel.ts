import { Signal } from '@lumino/signaling';

import type { ConnectionState, IMe } from '../api/types';
import type { ICatalystModel } from '../tokens';

/** A model whose state tests set directly; `refresh` is a jest mock. */
export class FakeModel implements ICatalystModel {
  me: IMe | null = null;
  state: ConnectionState = 'connecting';
  lastError = '';
  readonly changed: Signal<ICatalystModel, void> = new Signal<
    ICatalystModel,
    void
  >(this);
  readonly refresh = jest.fn(async () => undefined);

  get loading(): boolean {
    return this.me === null && this.state === 'connecting';
  }

  /** Change some fields and emit `changed`, like the real model. */
  set(values: Partial<Pick<FakeModel, 'me' | 'state' | 'lastError'>>): void {
    Object.assign(this, values);
    this.changed.emit();
  }
}
