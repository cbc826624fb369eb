import { CatalystClient } from '../api/client';
import {
  errorAnswer,
  FakeFetch,
  me,
  sessionAnswer
} from '../testing/fakeFetch';
import { CatalystModel } from './catalystModel';

/** A model over a real client whose fetch is scripted. */
function setup(baseUrl: string | null = '/services/catalyst/') {
  const fake = new FakeFetch();
  const client = new CatalystClient({
    baseUrl,
    pageToken: () => 'page-token',
    language: 'en',
    fetch: fake.fetch,
    sleep: async () => undefined,
    isOnline: () => true,
    connectivityEvents: null
  });
  const model = new CatalystModel({ client });
  let changes = 0;
  model.changed.connect(() => changes++);
  return { fake, client, model, changes: () => changes };
}

describe('jupyterlab-catalyst', () => {
  describe('CatalystModel', () => {
    it('should start loading, with no user', () => {
      const { model } = setup();

      expect(model.me).toBeNull();
      expect(model.state).toBe('connecting');
      expect(model.loading).toBe(true);
    });

    it('should hold the user and the connected state after a refresh', async () => {
      const { fake, model, changes } = setup();
      fake.on('api/session', sessionAnswer(Date.now(), { name: 'ana' }));

      await model.refresh();

      expect(model.me).toEqual(me({ name: 'ana' }));
      expect(model.state).toBe('connected');
      expect(model.loading).toBe(false);
      expect(changes()).toBeGreaterThan(0);
    });

    it('should mirror a failure without rejecting', async () => {
      const { fake, model } = setup();
      fake.on(
        'api/session',
        errorAnswer(503, 'hub_unreachable', 'Hub is down')
      );

      await expect(model.refresh()).resolves.toBeUndefined();

      expect(model.me).toBeNull();
      expect(model.state).toBe('unreachable');
      expect(model.lastError).toBe('Hub is down');
      expect(model.loading).toBe(false);
    });

    it('should keep the last known user when a later refresh fails', async () => {
      const { fake, model } = setup();
      fake.on(
        'api/session',
        sessionAnswer(Date.now()),
        errorAnswer(401, 'invalid_token')
      );
      await model.refresh();

      await model.refresh();

      expect(model.me?.name).toBe('ana');
      expect(model.state).toBe('unauthorized');
    });

    it('should follow sessions the client opens by itself (roles may change)', async () => {
      const { fake, client, model } = setup();
      fake.on(
        'api/session',
        sessionAnswer(Date.now(), { name: 'ana' }),
        sessionAnswer(Date.now(), { name: 'ana-renamed' })
      );
      await model.refresh();

      await client.connect();

      expect(model.me?.name).toBe('ana-renamed');
    });

    it('should not call the service when it is not configured', async () => {
      const { fake, model } = setup(null);

      await model.refresh();

      expect(fake.calls).toHaveLength(0);
      expect(model.state).toBe('not-configured');
      expect(model.loading).toBe(false);
    });

    it('should stop emitting once disposed', async () => {
      const { fake, model, changes } = setup();
      fake.on('api/session', sessionAnswer(Date.now()));
      model.dispose();

      await model.refresh();

      expect(model.isDisposed).toBe(true);
      expect(changes()).toBe(0);
    });
  });
});
