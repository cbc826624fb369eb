import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildTestApp,
  DEV_SECRET,
  type TestApp
} from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';

const PREFIX = '/services/catalyst';

for (const backend of backends()) {
  describe(`GET api/hub (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      t = await buildTestApp({
        DATABASE_URL: db.url,
        CATALYST_DEV_MODE: '1',
        CATALYST_DEV_SECRET: DEV_SECRET,
        CATALYST_HUB_ID: 'hub-a',
        CATALYST_HUB_NAME: 'Hub A',
        JUPYTERHUB_PUBLIC_URL: 'https://a.example.org/'
      });
      await t.app.ready();
    });

    after(async () => {
      await t?.app.close();
      await db?.close();
    });

    it('answers the hub registered at start, with its languages', async () => {
      const jwt = (
        await t.app.inject({
          method: 'POST',
          url: `${PREFIX}/api/session`,
          headers: { authorization: `token ${DEV_SECRET}` },
          payload: { user: 'ana' }
        })
      ).json().token as string;
      const res = await t.app.inject({
        method: 'GET',
        url: `${PREFIX}/api/hub`,
        headers: { authorization: `Bearer ${jwt}` }
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        id: 'hub-a',
        name: 'Hub A',
        url: 'https://a.example.org/',
        communityId: null,
        languages: ['en', 'es']
      });
    });

    it('refuses a caller without a session', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `${PREFIX}/api/hub`
      });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'missing_token');
    });
  });
}
