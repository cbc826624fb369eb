import { nullTranslator } from '@jupyterlab/translation';

import type { IAdminServer } from '../api/admin';
import { serverLabel } from './format';

const trans = nullTranslator.load('jupyterlab_catalyst');

/** A server in the hub's model with the given state. */
function server(ready: boolean, pending: string | null): IAdminServer {
  return {
    name: '',
    ready,
    pending,
    started: null,
    last_activity: null,
    url: ''
  };
}

describe('serverLabel', () => {
  it("says the hub's two daily pending actions plainly and names any other", () => {
    expect(serverLabel(server(false, 'spawn'), trans)).toBe('starting');
    expect(serverLabel(server(true, 'stop'), trans)).toBe('stopping');
    expect(serverLabel(server(false, 'check'), trans)).toBe('pending (check)');
    expect(serverLabel(server(true, null), trans)).toBe('running');
    expect(serverLabel(server(false, null), trans)).toBe('stopped');
  });
});
