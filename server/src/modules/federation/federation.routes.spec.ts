import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import type { Role } from '../../plugins/auth.js';

const API = '/services/catalyst/api/federation';

/** A progress row as the training module writes it. */
function step(
  hub: string,
  user: string,
  stepId: string,
  status: 'started' | 'failed' | 'passed',
  tutorial = 'first-python'
) {
  return {
    hub_id: hub,
    user_name: user,
    tutorial_id: tutorial,
    version: '1',
    step_id: stepId,
    status,
    attempts: 1,
    hints_used: 0,
    first_passed_at: status === 'passed' ? new Date() : null,
    client_updated_at: new Date()
  };
}

for (const backend of backends()) {
  describe(`Core Team across hubs: api/federation (${backend})`, () => {
    let db: TestDatabase;
    let a: TestApp;
    let b: TestApp;

    const get = (
      t: TestApp,
      path: string,
      roles: Role[] = ['member', 'core-team']
    ) =>
      t.app.inject({
        method: 'GET',
        url: `${API}${path}`,
        headers: {
          authorization: `Bearer ${t.app.jwt.sign({ sub: 'cora', roles, hub: t.config.hubId, lang: 'en' })}`
        }
      });

    before(async () => {
      db = await startDatabase(backend);
      const env = {
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api'
      };
      a = await buildTestApp({
        ...env,
        CATALYST_HUB_ID: 'hub-a',
        CATALYST_HUB_NAME: 'Hub A',
        CATALYST_HUB_COMMUNITY: 'andes',
        CATALYST_HUB_LANGUAGES: 'es,en',
        JUPYTERHUB_PUBLIC_URL: 'https://a.example.org/'
      });
      await a.app.ready();
      b = await buildTestApp({
        ...env,
        CATALYST_HUB_ID: 'hub-b',
        CATALYST_HUB_NAME: 'Hub B'
      });
      await b.app.ready();
      await a.app.db
        .insertInto('training_progress')
        .values([
          step('hub-a', 'ana', 's1', 'passed'),
          step('hub-a', 'ana', 's2', 'passed'),
          step('hub-a', 'ben', 's1', 'failed'),
          step('hub-a', 'ben', 's1', 'passed', 'champion-1'),
          step('hub-b', 'caro', 's1', 'started')
        ])
        .execute();
    });

    after(async () => {
      await a?.app.close();
      await b?.app.close();
      await db?.close();
    });

    it('lists every hub with its community, languages and counts, from either hub', async () => {
      for (const t of [a, b]) {
        const res = await get(t, '/hubs');
        assert.equal(res.statusCode, 200, res.body);
        const hubs = res.json().hubs;
        assert.deepEqual(
          hubs.map(
            (h: {
              id: string;
              learners: number;
              stepsPassed: number;
              feedbackItems: number;
            }) => [h.id, h.learners, h.stepsPassed, h.feedbackItems]
          ),
          [
            ['hub-a', 2, 3, 0],
            ['hub-b', 1, 0, 0]
          ]
        );
        assert.deepEqual(hubs[0].community, { id: 'andes', name: 'andes' });
        assert.deepEqual(hubs[0].languages, ['es', 'en']);
        assert.equal(hubs[0].url, 'https://a.example.org/');
        assert.equal(hubs[1].community, null);
        assert.ok(hubs[0].lastActivity);
      }
    });

    it('filters by hub, refuses an unknown hub (404) and a malformed one (400 naming the field)', async () => {
      const one = await get(b, '/hubs?hub=hub-a');
      assert.deepEqual(
        one.json().hubs.map((h: { id: string }) => h.id),
        ['hub-a']
      );
      const unknown = await get(a, '/progress?hub=hub-z');
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.json().message, /hub-z/);
      const bad = await get(a, '/hubs?hub=Hub%20A');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().message, /querystring\/hub/);
      const extra = await get(a, '/hubs?user=ana');
      assert.equal(extra.statusCode, 400);
    });

    it('aggregates training progress per hub and tutorial version, with filters', async () => {
      const all = (await get(a, '/progress')).json().progress;
      assert.deepEqual(
        all.map((p: Record<string, unknown>) => [
          p.hub,
          p.tutorialId,
          p.learners,
          p.learnersPassing,
          p.stepsPassed
        ]),
        [
          ['hub-a', 'champion-1', 1, 1, 1],
          ['hub-a', 'first-python', 2, 1, 2],
          ['hub-b', 'first-python', 1, 0, 0]
        ]
      );
      const filtered = (
        await get(b, '/progress?hub=hub-a&tutorialId=first-python')
      ).json().progress;
      assert.equal(filtered.length, 1);
      assert.equal(filtered[0].hub, 'hub-a');
    });

    it('lists learners across hubs, paged, with the total', async () => {
      const first = (await get(a, '/progress/learners?limit=2')).json();
      assert.equal(first.total, 4);
      assert.deepEqual(
        first.learners.map((l: Record<string, unknown>) => [
          l.hub,
          l.user,
          l.tutorialId,
          l.stepsStarted,
          l.stepsPassed
        ]),
        [
          ['hub-a', 'ana', 'first-python', 2, 2],
          ['hub-a', 'ben', 'champion-1', 1, 1]
        ]
      );
      const rest = (await get(a, '/progress/learners?limit=2&offset=2')).json();
      assert.deepEqual(
        rest.learners.map((l: { user: string }) => l.user),
        ['ben', 'caro']
      );
      const onlyB = (await get(a, '/progress/learners?hub=hub-b')).json();
      assert.deepEqual(
        onlyB.learners.map((l: { user: string }) => l.user),
        ['caro']
      );
      assert.equal(
        (await get(a, '/progress/learners?limit=5000')).statusCode,
        400
      );
    });

    it('refuses everyone but the Core Team', async () => {
      for (const path of ['/hubs', '/progress', '/progress/learners']) {
        for (const roles of [
          ['member'],
          ['member', 'hub-champion'],
          ['member', 'community-champion']
        ] as Role[][]) {
          const res = await get(a, path, roles);
          assert.equal(res.statusCode, 403, `${path} as ${roles.join('+')}`);
        }
        const anonymous = await a.app.inject({
          method: 'GET',
          url: `${API}${path}`
        });
        assert.equal(anonymous.statusCode, 401);
        // A Core Team session of hub B is not accepted by hub A's instance.
        const replayed = await a.app.inject({
          method: 'GET',
          url: `${API}${path}`,
          headers: {
            authorization: `Bearer ${b.app.jwt.sign({ sub: 'cora', roles: ['core-team'], hub: 'hub-b', lang: 'en' })}`
          }
        });
        assert.equal(replayed.statusCode, 401);
      }
    });
  });
}
