import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  ConfigError,
  EnvSchema,
  loadConfig,
  normalisePrefix
} from './config.js';

const hubEnv = {
  JUPYTERHUB_API_URL: 'http://127.0.0.1:8081/hub/api/',
  JUPYTERHUB_API_TOKEN: 'service-token-a',
  HOME: '/home/ana'
};

/** The variable a ConfigError names, or fails the test. */
function badVariable(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.ok(error.message.startsWith(error.variable), error.message);
    return error.variable;
  }
  assert.fail('loadConfig accepted a bad environment');
}

describe('loadConfig', () => {
  it('fills the defaults of docs/architecture.md', () => {
    const config = loadConfig({ ...hubEnv, XDG_DATA_HOME: '/data' });
    assert.equal(config.prefix, '/services/catalyst');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 10101);
    assert.equal(config.hubId, 'local');
    assert.equal(config.hubName, 'local');
    assert.equal(config.serviceName, 'catalyst');
    assert.equal(config.hubApi?.url, 'http://127.0.0.1:8081/hub/api');
    assert.equal(config.jwt.ttlSeconds, 900);
    assert.equal(config.bodyLimit, 65536);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.dataDir, '/data/jupyterlab-catalyst');
    assert.equal(config.devMode, null);
    assert.deepEqual(config.roles, {
      hubChampionGroup: 'hub-champions',
      communityChampionGroup: 'community-champions',
      coreTeam: [],
      coreTeamGroup: 'core-team'
    });
  });

  it('listens where the hub says, unless CATALYST_HOST/PORT override it', () => {
    const managed = {
      ...hubEnv,
      JUPYTERHUB_SERVICE_URL: 'http://0.0.0.0:10202'
    };
    assert.deepEqual(
      (({ host, port }) => ({ host, port }))(loadConfig(managed)),
      { host: '0.0.0.0', port: 10202 }
    );
    const overridden = loadConfig({
      ...managed,
      CATALYST_HOST: '::1',
      CATALYST_PORT: '9000'
    });
    assert.equal(overridden.host, '::1');
    assert.equal(overridden.port, 9000);
  });

  it('derives one JWT secret per hub from the service token, unless given one', () => {
    const a = loadConfig({ ...hubEnv, CATALYST_HUB_ID: 'hub-a' }).jwt.secret;
    assert.equal(
      loadConfig({ ...hubEnv, CATALYST_HUB_ID: 'hub-a' }).jwt.secret,
      a,
      'replicas agree'
    );
    assert.notEqual(
      loadConfig({ ...hubEnv, CATALYST_HUB_ID: 'hub-b' }).jwt.secret,
      a
    );
    assert.notEqual(
      loadConfig({ ...hubEnv, JUPYTERHUB_API_TOKEN: 'other' }).jwt.secret,
      a
    );
    assert.ok(!a.includes(hubEnv.JUPYTERHUB_API_TOKEN));
    const given = 'x'.repeat(40);
    assert.equal(
      loadConfig({ ...hubEnv, CATALYST_JWT_SECRET: given }).jwt.secret,
      given
    );
  });

  it('parses the core team list', () => {
    const config = loadConfig({
      ...hubEnv,
      CATALYST_CORE_TEAM: ' ana, ben ,,'
    });
    assert.deepEqual(config.roles.coreTeam, ['ana', 'ben']);
  });

  it('requires the hub variables unless in development mode', () => {
    assert.equal(
      badVariable({ JUPYTERHUB_API_TOKEN: 't' }),
      'JUPYTERHUB_API_URL'
    );
    assert.equal(
      badVariable({ JUPYTERHUB_API_URL: 'http://hub/api' }),
      'JUPYTERHUB_API_TOKEN'
    );
    const dev = loadConfig({
      CATALYST_DEV_MODE: '1',
      CATALYST_DEV_SECRET: 'a-development-secret'
    });
    assert.equal(dev.hubApi, null);
    assert.equal(dev.devMode?.secret, 'a-development-secret');
    assert.equal(dev.jwt.secret, 'a-development-secret');
  });

  it('refuses development mode without a development secret', () => {
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_DEV_MODE: '1' }),
      'CATALYST_DEV_SECRET'
    );
    assert.equal(
      loadConfig({ ...hubEnv, CATALYST_DEV_MODE: '0' }).devMode,
      null
    );
  });

  it('names the variable that has a bad value', () => {
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_PORT: 'eighty' }),
      'CATALYST_PORT'
    );
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_PORT: '70000' }),
      'CATALYST_PORT'
    );
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_JWT_TTL_SECONDS: '5' }),
      'CATALYST_JWT_TTL_SECONDS'
    );
    assert.equal(
      badVariable({ ...hubEnv, DATABASE_URL: 'mysql://x' }),
      'DATABASE_URL'
    );
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_DEV_MODE: 'yes' }),
      'CATALYST_DEV_MODE'
    );
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_HUB_ID: 'Hub A' }),
      'CATALYST_HUB_ID'
    );
    assert.equal(
      badVariable({ ...hubEnv, JUPYTERHUB_API_URL: 'hub:8081' }),
      'JUPYTERHUB_API_URL'
    );
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_JWT_SECRET: 'short' }),
      'CATALYST_JWT_SECRET'
    );
  });

  it('reads the demo seed flag and the partnerships zone, refusing a zone that does not exist', () => {
    const plain = loadConfig(hubEnv);
    assert.equal(plain.demoSeed, false);
    assert.equal(plain.partnershipsZone, 'UTC');
    const set = loadConfig({
      ...hubEnv,
      CATALYST_DEMO_SEED: '1',
      CATALYST_PARTNERSHIPS_ZONE: 'America/Bogota'
    });
    assert.equal(set.demoSeed, true);
    assert.equal(set.partnershipsZone, 'America/Bogota');
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_PARTNERSHIPS_ZONE: 'America/Bogata' }),
      'CATALYST_PARTNERSHIPS_ZONE'
    );
    assert.equal(
      badVariable({ ...hubEnv, CATALYST_DEMO_SEED: 'yes' }),
      'CATALYST_DEMO_SEED'
    );
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ ...hubEnv, CATALYST_PORT: '' }).port, 10101);
  });
});

describe('.env.example', () => {
  it('lists exactly the variables of the schema', () => {
    const example = readFileSync(
      new URL('../.env.example', import.meta.url),
      'utf8'
    );
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map(
      match => match[1]
    );
    assert.deepEqual(listed.sort(), Object.keys(EnvSchema.properties).sort());
  });
});

describe('normalisePrefix', () => {
  it('keeps one leading slash and no trailing slash', () => {
    assert.equal(normalisePrefix('/services/catalyst/'), '/services/catalyst');
    assert.equal(normalisePrefix('services//catalyst'), '/services/catalyst');
    assert.equal(
      normalisePrefix('/user/ana/services/catalyst'),
      '/user/ana/services/catalyst'
    );
    assert.equal(normalisePrefix('/'), '');
  });
});
