import { CatalystClient } from './client';
import { ApiError } from './errors';
import {
  errorAnswer,
  FakeFetch,
  me,
  sessionAnswer
} from '../testing/fakeFetch';

const BASE = '/services/catalyst/';
const START = Date.parse('2026-09-01T12:00:00Z');

/** A client wired to a fake fetch, a fake clock and instant sleeps. */
function setup(options: Partial<CatalystClient.IOptions> = {}) {
  const fake = new FakeFetch();
  const clock = { now: START };
  const sleeps: number[] = [];
  const client = new CatalystClient({
    baseUrl: BASE,
    pageToken: () => 'page-token',
    language: 'es-ES',
    fetch: fake.fetch,
    now: () => clock.now,
    random: () => 0,
    sleep: async ms => {
      sleeps.push(ms);
    },
    isOnline: () => true,
    connectivityEvents: null,
    ...options
  });
  return { client, fake, clock, sleeps };
}

describe('jupyterlab-catalyst', () => {
  describe('CatalystClient', () => {
    describe('#connect()', () => {
      it('should exchange the page token at api/session with the UI language', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));

        const user = await client.connect();

        expect(user).toEqual(me());
        expect(fake.calls).toHaveLength(1);
        const [call] = fake.calls;
        expect(call.url).toBe('/services/catalyst/api/session');
        expect(call.method).toBe('POST');
        expect(call.headers.get('Authorization')).toBe('token page-token');
        expect(call.headers.get('Content-Type')).toBe('application/json');
        expect(call.body).toEqual({ language: 'es-ES' });
        expect(call.credentials).toBe('omit');
        expect(client.state).toBe('connected');
        expect(client.user).toEqual(me());
      });

      it('should emit signedIn with the user and stateChanged with the new state', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START, { name: 'luz' }));
        const signedIn: string[] = [];
        const states: string[] = [];
        client.signedIn.connect((_, user) => signedIn.push(user.name));
        client.stateChanged.connect((_, state) => states.push(state));

        await client.connect();

        expect(signedIn).toEqual(['luz']);
        expect(states).toEqual(['connected']);
      });

      it('should report not-configured without sending anything when there is no URL', async () => {
        const { client, fake } = setup({ baseUrl: null });

        expect(client.state).toBe('not-configured');
        await expect(client.connect()).rejects.toMatchObject({
          code: ApiError.NOT_CONFIGURED
        });
        expect(fake.calls).toHaveLength(0);
        expect(client.state).toBe('not-configured');
      });

      it('should map a refused exchange to unauthorized with the error code', async () => {
        const { client, fake } = setup();
        fake.on(
          'api/session',
          errorAnswer(403, 'wrong_scope', 'Token lacks the scope')
        );

        const error = await client.connect().catch(e => e);

        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ status: 403, code: 'wrong_scope' });
        expect(client.state).toBe('unauthorized');
        expect(client.lastError).toBe('Token lacks the scope');
      });

      it('should map hub_unreachable to unreachable after retrying it', async () => {
        const { client, fake, sleeps } = setup();
        fake.on(
          'api/session',
          errorAnswer(503, 'hub_unreachable', 'Hub is down')
        );

        await expect(client.connect()).rejects.toMatchObject({
          code: 'hub_unreachable'
        });

        expect(fake.calls).toHaveLength(4);
        expect(sleeps).toHaveLength(3);
        expect(client.state).toBe('unreachable');
        expect(client.lastError).toBe('Hub is down');
      });

      it('should map a network error to offline', async () => {
        const { client, fake } = setup();
        fake.on('api/session', { error: new TypeError('Failed to fetch') });

        const error = await client.connect().catch(e => e);

        expect(error).toMatchObject({
          status: 0,
          code: ApiError.NETWORK_ERROR
        });
        expect(client.state).toBe('offline');
        expect(client.lastError).toBe('Failed to fetch');
      });

      it('should not retry network errors while the browser is offline', async () => {
        const { client, fake, sleeps } = setup({ isOnline: () => false });
        fake.on('api/session', { error: new TypeError('Failed to fetch') });

        await expect(client.connect()).rejects.toBeInstanceOf(ApiError);

        expect(fake.calls).toHaveLength(1);
        expect(sleeps).toEqual([]);
        expect(client.state).toBe('offline');
      });

      it('should abort an attempt after the timeout', async () => {
        const { client, fake } = setup({
          timeoutMs: 5,
          backoff: { retries: 0 }
        });
        fake.on(
          'api/session',
          (_, signal) =>
            new Promise((_resolve, reject) => {
              signal?.addEventListener('abort', () =>
                reject(new Error('aborted'))
              );
            })
        );

        await expect(client.connect()).rejects.toMatchObject({
          code: ApiError.TIMEOUT
        });
        expect(client.state).toBe('offline');
      });
    });

    describe('#request()', () => {
      it('should reuse the JWT for later requests', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START, { token: 'jwt-A' }));
        fake.on('api/me', { status: 200, body: me() });

        await client.getMe();
        await client.getMe();

        expect(fake.callsTo('api/session')).toHaveLength(1);
        const meCalls = fake.callsTo('api/me');
        expect(meCalls).toHaveLength(2);
        for (const call of meCalls) {
          expect(call.url).toBe('/services/catalyst/api/me');
          expect(call.headers.get('Authorization')).toBe('Bearer jwt-A');
          expect(call.credentials).toBe('omit');
        }
      });

      it('should share one exchange between concurrent requests', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));
        fake.on('api/me', { status: 200, body: me() });

        await Promise.all([client.getMe(), client.getMe(), client.getMe()]);

        expect(fake.callsTo('api/session')).toHaveLength(1);
      });

      it('should renew the JWT shortly before it expires', async () => {
        const { client, fake, clock } = setup();
        fake.on(
          'api/session',
          sessionAnswer(START, { token: 'jwt-1', ttlSeconds: 900 }),
          sessionAnswer(START + 850_000, { token: 'jwt-2', ttlSeconds: 900 })
        );
        fake.on('api/me', { status: 200, body: me() });

        await client.getMe();
        clock.now = START + 800_000; // 100 s left: still valid
        await client.getMe();
        expect(fake.callsTo('api/session')).toHaveLength(1);

        clock.now = START + 850_000; // 50 s left: inside the renewal margin
        await client.getMe();

        expect(fake.callsTo('api/session')).toHaveLength(2);
        const tokens = fake
          .callsTo('api/me')
          .map(call => call.headers.get('Authorization'));
        expect(tokens).toEqual([
          'Bearer jwt-1',
          'Bearer jwt-1',
          'Bearer jwt-2'
        ]);
      });

      it('should measure the JWT lifetime on the server clock', async () => {
        // The browser clock is one hour ahead of the server's.
        const { client, fake, clock } = setup();
        clock.now = START + 3_600_000;
        fake.on('api/session', {
          ...(sessionAnswer(START) as { status: number; body: unknown }),
          headers: { Date: new Date(START).toUTCString() }
        });
        fake.on('api/me', { status: 200, body: me() });

        await client.getMe();
        await client.getMe();

        expect(fake.callsTo('api/session')).toHaveLength(1);
      });

      it('should exchange again once on a 401 and resend the request', async () => {
        const { client, fake } = setup();
        fake.on(
          'api/session',
          sessionAnswer(START, { token: 'old' }),
          sessionAnswer(START, { token: 'new' })
        );
        fake.on('api/me', errorAnswer(401, 'expired_token'), {
          status: 200,
          body: me()
        });

        const user = await client.getMe();

        expect(user.name).toBe('ana');
        expect(fake.callsTo('api/session')).toHaveLength(2);
        expect(
          fake.callsTo('api/me').map(call => call.headers.get('Authorization'))
        ).toEqual(['Bearer old', 'Bearer new']);
        expect(client.state).toBe('connected');
      });

      it('should open an event stream with the session, exchanging again once on a 401', async () => {
        const { client, fake } = setup();
        fake.on(
          'api/session',
          sessionAnswer(START, { token: 'old' }),
          sessionAnswer(START, { token: 'new' })
        );
        fake.on(
          'api/admin/users/bea/server/progress',
          errorAnswer(401, 'expired_token'),
          { status: 200, body: 'data: {}' },
          errorAnswer(403, 'forbidden', 'this needs one of the roles')
        );
        const path = 'api/admin/users/bea/server/progress';
        const signal = new AbortController().signal;

        const response = await client.stream(path, signal);

        expect(response.status).toBe(200);
        const calls = fake.callsTo(path);
        expect(calls.map(call => call.headers.get('Authorization'))).toEqual([
          'Bearer old',
          'Bearer new'
        ]);
        expect(calls[1].headers.get('Accept')).toBe('text/event-stream');
        expect(calls[1].credentials).toBe('omit');
        await expect(client.stream(path, signal)).rejects.toMatchObject({
          status: 403,
          code: 'forbidden'
        });
      });

      it('should give up after one re-exchange when the service keeps answering 401', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));
        fake.on('api/me', errorAnswer(401, 'invalid_token', 'Bad token'));

        const error = await client.getMe().catch(e => e);

        expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
        expect(fake.callsTo('api/session')).toHaveLength(2);
        expect(fake.callsTo('api/me')).toHaveLength(2);
        expect(client.state).toBe('unauthorized');
      });

      it('should retry a GET on 503 with growing delays, then succeed', async () => {
        const { client, fake, sleeps } = setup({
          backoff: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 }
        });
        fake.on('api/session', sessionAnswer(START));
        fake.on(
          'api/me',
          errorAnswer(503, 'database_unavailable'),
          errorAnswer(503, 'database_unavailable'),
          { status: 200, body: me() }
        );

        await expect(client.getMe()).resolves.toEqual(me());

        expect(fake.callsTo('api/me')).toHaveLength(3);
        // random() = 0 gives the lower half of each window: 100/2, 200/2.
        expect(sleeps).toEqual([50, 100]);
        expect(client.state).toBe('connected');
      });

      it('should stop retrying a GET after the configured retries', async () => {
        const { client, fake } = setup({ backoff: { retries: 2 } });
        fake.on('api/session', sessionAnswer(START));
        fake.on('api/me', errorAnswer(502, 'bad_gateway'));

        await expect(client.getMe()).rejects.toMatchObject({ status: 502 });

        expect(fake.callsTo('api/me')).toHaveLength(3);
        expect(client.state).toBe('unreachable');
      });

      it('should not retry a POST without an Idempotency-Key', async () => {
        const { client, fake, sleeps } = setup();
        fake.on('api/session', sessionAnswer(START));
        fake.on('api/feedback', errorAnswer(503, 'database_unavailable'));

        await expect(
          client.request('api/feedback', {
            method: 'POST',
            body: { text: 'hi' }
          })
        ).rejects.toMatchObject({ status: 503 });

        const posts = fake.callsTo('api/feedback');
        expect(posts).toHaveLength(1);
        expect(posts[0].body).toEqual({ text: 'hi' });
        expect(sleeps).toEqual([]);
      });

      it('should retry a POST that carries an Idempotency-Key', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));
        fake.on('api/feedback', errorAnswer(504, 'timeout'), {
          status: 201,
          body: { id: 7 }
        });

        const created = await client.request<{ id: number }>('api/feedback', {
          method: 'POST',
          body: { text: 'hi' },
          headers: { 'Idempotency-Key': 'k-1' }
        });

        expect(created).toEqual({ id: 7 });
        const posts = fake.callsTo('api/feedback');
        expect(posts).toHaveLength(2);
        expect(posts.map(call => call.headers.get('Idempotency-Key'))).toEqual([
          'k-1',
          'k-1'
        ]);
      });

      it('should keep the connected state when the service answers a client error', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));
        fake.on(
          'api/thing',
          errorAnswer(400, 'validation', 'body/name is required')
        );

        const error = await client.request('api/thing').catch(e => e);

        expect(error).toMatchObject({
          status: 400,
          code: 'validation',
          message: 'body/name is required'
        });
        expect(client.state).toBe('connected');
      });
    });

    describe('#configure()', () => {
      it('should drop the session and reconnect to a new URL', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));
        await client.connect();
        const signedIn = new Promise(resolve =>
          client.signedIn.connect(resolve)
        );

        client.configure({ baseUrl: 'https://other.example.org/catalyst/' });
        await signedIn;

        expect(fake.calls.map(call => call.url)).toEqual([
          '/services/catalyst/api/session',
          'https://other.example.org/catalyst/api/session'
        ]);
        expect(client.serviceUrl).toBe('https://other.example.org/catalyst/');
      });

      it('should become not-configured when the URL is removed', async () => {
        const { client, fake } = setup();
        fake.on('api/session', sessionAnswer(START));
        await client.connect();

        client.configure({ baseUrl: null });

        expect(client.state).toBe('not-configured');
        expect(client.user).toBeNull();
      });
    });

    describe('connectivity events', () => {
      it('should go offline on the offline event and reconnect on the online event', async () => {
        const events = new EventTarget();
        const { client, fake } = setup({ connectivityEvents: events });
        fake.on('api/session', sessionAnswer(START));
        await client.connect();

        events.dispatchEvent(new Event('offline'));
        expect(client.state).toBe('offline');

        const signedIn = new Promise(resolve =>
          client.signedIn.connect(resolve)
        );
        events.dispatchEvent(new Event('online'));
        await signedIn;

        expect(client.state).toBe('connected');
        expect(fake.callsTo('api/session')).toHaveLength(2);
      });

      it('should stop listening once disposed', async () => {
        const events = new EventTarget();
        const { client } = setup({ connectivityEvents: events });

        client.dispose();
        events.dispatchEvent(new Event('offline'));

        expect(client.isDisposed).toBe(true);
        expect(client.state).toBe('connecting');
      });
    });
  });
});
