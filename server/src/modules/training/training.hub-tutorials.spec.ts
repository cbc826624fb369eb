import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import type { Role } from '../../plugins/auth.js';

const BASE = '/services/catalyst/api/training';
const CHAMPION: Role[] = ['member', 'hub-champion'];

/** A small hub tutorial; `second` is the second step's English text. */
function file(version: string, second = 'Then this.', id = 'our-data'): string {
  return [
    '---',
    `id: ${id}`,
    `version: ${version}`,
    'title: {en: Our data, es: Nuestros datos}',
    'languages: [en, es]',
    'minutes: 10',
    '---',
    '',
    '::::{step} first',
    '---',
    'title: {en: First, es: Primero}',
    'check: {type: self-report}',
    '---',
    ':::{en}',
    'Do this.',
    ':::',
    ':::{es}',
    'Haz esto.',
    ':::',
    '::::',
    '',
    '::::{step} second',
    '---',
    'title: {en: Second, es: Segundo}',
    'check: {type: file, path: data.csv}',
    '---',
    ':::{en}',
    second,
    ':::',
    ':::{es}',
    'Luego esto.',
    ':::',
    '::::',
    ''
  ].join('\n');
}

for (const backend of backends()) {
  describe(`hub tutorials (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;
    let other: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      const env = (hub: string) => ({
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
        CATALYST_HUB_ID: hub
      });
      t = await buildTestApp(env('hub-a'));
      await t.app.ready();
      other = await buildTestApp(env('hub-b'));
      await other.app.ready();
    });

    after(async () => {
      await t?.app.close();
      await other?.app.close();
      await db?.close();
    });

    function call(
      app: TestApp,
      user: string,
      roles: Role[],
      method: 'GET' | 'PUT' | 'DELETE',
      path: string,
      body?: Record<string, unknown>
    ) {
      const token = app.app.jwt.sign({
        sub: user,
        roles,
        hub: app.config.hubId,
        lang: 'en'
      });
      return app.app.inject({
        method,
        url: `${BASE}/${path}`,
        headers: { authorization: `Bearer ${token}` },
        ...(body ? { payload: body } : {})
      });
    }
    const upload = (app: TestApp, source: string, roles = CHAMPION) =>
      call(app, 'champion', roles, 'PUT', 'hub-tutorials', {
        fileName: 'our-data.md',
        source
      });
    const ids = async (app: TestApp) =>
      (await call(app, 'ana', ['member'], 'GET', 'tutorials'))
        .json()
        .tutorials.map((x: { id: string }) => x.id) as string[];

    it("adds a champion's tutorial to this hub's catalogue only", async () => {
      const res = await upload(t, file('1.0'));
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().tutorial.fromHub, true);
      assert.equal(res.json().carriesFrom, null);
      assert.ok((await ids(t)).includes('our-data'));
      assert.ok(!(await ids(other)).includes('our-data'));
      const one = await call(t, 'ana', ['member'], 'GET', 'tutorials/our-data');
      assert.equal(one.json().steps[1].text.es, 'Luego esto.');
      // Learners' progress on it is accepted like on a shipped tutorial.
      const token = t.app.jwt.sign({
        sub: 'ana',
        roles: ['member'],
        hub: 'hub-a',
        lang: 'en'
      });
      const put = await t.app.inject({
        method: 'PUT',
        url: `${BASE}/progress/our-data/1.0/first`,
        headers: { authorization: `Bearer ${token}` },
        payload: {
          status: 'passed',
          attempts: 1,
          hintsUsed: 0,
          clientTime: '2026-11-27T10:00:00.000Z'
        }
      });
      assert.equal(put.statusCode, 200, put.body);
    });

    it('answers 422 with line and field for a broken file, and changes nothing', async () => {
      const broken = file('1.1').replace(
        'check: {type: file, path: data.csv}',
        'check: {type: file}'
      );
      const checked = await call(
        t,
        'champion',
        CHAMPION,
        'PUT',
        'hub-tutorials',
        {
          fileName: 'our-data.md',
          source: broken
        }
      );
      assert.equal(checked.statusCode, 422);
      const dryRun = await t.app.inject({
        method: 'POST',
        url: `${BASE}/hub-tutorials/check`,
        headers: {
          authorization: `Bearer ${t.app.jwt.sign({ sub: 'champion', roles: CHAMPION, hub: 'hub-a', lang: 'en' })}`
        },
        payload: { fileName: 'our-data.md', source: broken }
      });
      assert.equal(dryRun.statusCode, 200);
      assert.deepEqual(dryRun.json().errors, checked.json().errors);
      const res = await upload(t, broken);
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().code, 'tutorial_invalid');
      const [error] = res.json().errors;
      assert.equal(error.file, 'our-data.md');
      assert.equal(error.field, 'steps[second].check.path');
      assert.equal(error.line, 25);
      const one = await call(t, 'ana', ['member'], 'GET', 'tutorials/our-data');
      assert.equal(one.json().version, '1.0');
    });

    it('records which steps keep their passes in a new version', async () => {
      const same = await upload(t, file('1.0'));
      assert.equal(same.statusCode, 200, 'the same file again changes nothing');
      const changedSameVersion = await upload(t, file('1.0', 'Now this.'));
      assert.equal(changedSameVersion.statusCode, 409);
      const next = await upload(t, file('1.1', 'Now this, differently.'));
      assert.equal(next.statusCode, 201, next.body);
      assert.deepEqual(next.json().carriesFrom, {
        version: '1.0',
        steps: ['first']
      });
      const one = await call(t, 'ana', ['member'], 'GET', 'tutorials/our-data');
      assert.equal(one.json().version, '1.1');
      assert.deepEqual(one.json().carriesFrom.steps, ['first']);
    });

    it('keeps shipped tutorials, members and other hubs out', async () => {
      const shipped = await upload(
        t,
        file('9.0', 'x', 'first-python-notebook')
      );
      assert.equal(shipped.statusCode, 409);
      const member = await upload(t, file('2.0'), ['member']);
      assert.equal(member.statusCode, 403);
      const authored = await upload(
        t,
        file('2.0').replace(
          'minutes: 10',
          'minutes: 10\ncarriesFrom: {version: "1", steps: []}'
        )
      );
      assert.equal(authored.statusCode, 422);
      assert.equal(authored.json().errors[0].field, 'carriesFrom');
      const foreign = await call(
        other,
        'champion',
        CHAMPION,
        'DELETE',
        'hub-tutorials/our-data'
      );
      assert.equal(foreign.statusCode, 404);
      const removed = await call(
        t,
        'champion',
        CHAMPION,
        'DELETE',
        'hub-tutorials/our-data'
      );
      assert.equal(removed.statusCode, 200);
      assert.ok(!(await ids(t)).includes('our-data'));
    });
  });
}
