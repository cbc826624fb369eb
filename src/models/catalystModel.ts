import { ISignal, Signal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';

import type { ConnectionState, IMe } from '../api/types';
import type { ICatalystClient, ICatalystModel } from '../tokens';

/** The signed-in Catalyst user and the service's connection state, mirrored from the client. */
export class CatalystModel implements ICatalystModel, IDisposable {
  /** Create a model that follows the client's signals. */
  constructor(options: CatalystModel.IOptions) {
    this._client = options.client;
    this._me = this._client.user;
    this._client.stateChanged.connect(this._onStateChanged, this);
    this._client.signedIn.connect(this._onSignedIn, this);
  }

  /** The signed-in user, or null until the first session. */
  get me(): IMe | null {
    return this._me;
  }

  /** How the service is currently reached. */
  get state(): ConnectionState {
    return this._client.state;
  }

  /** The message of the last failure, or ''. */
  get lastError(): string {
    return this._client.lastError;
  }

  /** Whether the first session is still being opened. */
  get loading(): boolean {
    return this._me === null && this._client.state === 'connecting';
  }

  /** Emitted whenever the user or the connection state changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Whether the model has been disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Open a fresh session; failures show in `state` and `lastError`, never as a rejection. */
  async refresh(): Promise<void> {
    if (this._client.state === 'not-configured') {
      return;
    }
    try {
      await this._client.connect();
    } catch {
      // The client has already mapped the failure to a connection state.
    }
  }

  /** Stop following the client. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
    this._client.stateChanged.disconnect(this._onStateChanged, this);
    this._client.signedIn.disconnect(this._onSignedIn, this);
  }

  private _onStateChanged(): void {
    this._changed.emit();
  }

  private _onSignedIn(_: ICatalystClient, me: IMe): void {
    this._me = me;
    this._changed.emit();
  }

  private _client: ICatalystClient;
  private _me: IMe | null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

/** The static namespace of CatalystModel. */
export namespace CatalystModel {
  /** Construction options. */
  export interface IOptions {
    /** The service client whose session the model shows. */
    client: ICatalystClient;
  }
}
