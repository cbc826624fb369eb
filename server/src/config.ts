/** The service configuration: one TypeBox schema for the environment, resolved into a typed Config. */
import { createHmac } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const Flag = Type.String({
  pattern: '^(0|1|true|false)$',
  description: '1 or 0'
});
const Port = Type.Integer({ minimum: 0, maximum: 65535 });
const HttpUrl = Type.String({
  pattern: '^https?://',
  description: 'an http(s) URL'
});

/** Every environment variable the service reads; `.env.example` lists the same names. */
export const EnvSchema = Type.Object({
  JUPYTERHUB_API_URL: Type.Optional(HttpUrl),
  JUPYTERHUB_API_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  JUPYTERHUB_SERVICE_NAME: Type.String({ minLength: 1, default: 'catalyst' }),
  JUPYTERHUB_SERVICE_PREFIX: Type.String({ default: '/services/catalyst/' }),
  JUPYTERHUB_SERVICE_URL: Type.Optional(HttpUrl),
  JUPYTERHUB_PUBLIC_URL: Type.Optional(Type.String()),
  CATALYST_HOST: Type.Optional(Type.String({ minLength: 1 })),
  CATALYST_PORT: Type.Optional(Port),
  CATALYST_HUB_ID: Type.String({
    pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
    default: 'local'
  }),
  CATALYST_HUB_NAME: Type.Optional(Type.String({ minLength: 1 })),
  CATALYST_REGISTER_HUB: Type.String({
    pattern: '^(0|1|true|false|auto)$',
    default: 'auto',
    description: '1, 0 or auto'
  }),
  CATALYST_HUB_COMMUNITY: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
      description: 'a community slug'
    })
  ),
  CATALYST_HUB_LANGUAGES: Type.Optional(
    Type.String({
      pattern:
        '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?(,[a-z]{2,3}(-[A-Za-z0-9]{2,8})?)*$',
      description: 'comma-separated language codes, e.g. en,es'
    })
  ),
  CATALYST_HUB_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60000,
    default: 5000
  }),
  CATALYST_HUB_CHAMPION_GROUP: Type.String({ default: 'hub-champions' }),
  CATALYST_COMMUNITY_CHAMPION_GROUP: Type.String({
    default: 'community-champions'
  }),
  CATALYST_CORE_TEAM: Type.String({ default: '' }),
  CATALYST_CORE_TEAM_GROUP: Type.String({ default: 'core-team' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  CATALYST_DB_POOL_MAX: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100 })
  ),
  CATALYST_DB_PREPARED_STATEMENTS: Type.Union(
    [Type.Literal('0'), Type.Literal('1')],
    {
      default: '1'
    }
  ),
  CATALYST_DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  XDG_DATA_HOME: Type.Optional(Type.String()),
  CATALYST_JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  CATALYST_JWT_TTL_SECONDS: Type.Integer({
    minimum: 30,
    maximum: 86400,
    default: 900
  }),
  CATALYST_BODY_LIMIT: Type.Integer({
    minimum: 1024,
    maximum: 16777216,
    default: 65536
  }),
  CATALYST_DEV_MODE: Type.String({ ...Flag, default: '0' }),
  CATALYST_DEMO_SEED: Type.String({ ...Flag, default: '0' }),
  CATALYST_PARTNERSHIPS_ZONE: Type.String({ minLength: 1, default: 'UTC' }),
  CATALYST_DEV_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  CATALYST_LOG_LEVEL: Type.String({
    pattern: '^(fatal|error|warn|info|debug|trace|silent)$',
    default: 'info'
  }),
  CATALYST_METRICS_TOKEN: Type.Optional(
    Type.String({ minLength: 16, description: 'at least 16 characters' })
  )
});

/** The environment after conversion and defaults. */
export type Env = Static<typeof EnvSchema>;

/** The resolved configuration handed to buildApp. */
export interface Config {
  hubId: string;
  hubName: string;
  hubPublicUrl: string;
  /**
   * Whether this instance writes its own hub row at start: 'always', 'never' (the hub must be
   * registered, e.g. by `catalyst-server hubs register`), or 'auto' (only on the embedded database,
   * which no other hub can share).
   */
  registerHub: 'always' | 'never' | 'auto';
  /** Community and languages written when this instance registers its hub (null: keep / default). */
  hubCommunity: string | null;
  hubLanguages: string[] | null;
  /** Route prefix without its trailing slash ('' when the service is mounted at the root). */
  prefix: string;
  host: string;
  port: number;
  serviceName: string;
  hubApi: { url: string; token: string; timeoutMs: number } | null;
  roles: {
    hubChampionGroup: string;
    communityChampionGroup: string;
    coreTeam: string[];
    coreTeamGroup: string;
  };
  databaseUrl: string | null;
  dbPoolMax: number | null;
  /** Hot queries as named prepared statements on PostgreSQL (src/db/prepared.ts). */
  dbPreparedStatements: boolean;
  dataDir: string;
  jwt: { secret: string; ttlSeconds: number };
  bodyLimit: number;
  devMode: { secret: string } | null;
  logLevel: string;
  /** Bearer token for `/metrics`; null: loopback only (docs/deploying.md § Metrics). */
  metricsToken: string | null;
  /** Seed the fictional demo communities and consultation at start (make demo). */
  demoSeed: boolean;
  /** The IANA zone that decides what "today" is for partnership terms. */
  partnershipsZone: string;
}

/** A configuration error; its message names the variable at fault. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(source);
  const devMode = isOn(env.CATALYST_DEV_MODE);
  if (devMode && !env.CATALYST_DEV_SECRET) {
    throw new ConfigError(
      'CATALYST_DEV_SECRET',
      'is required when CATALYST_DEV_MODE=1 (development sessions are signed with it)'
    );
  }
  if (!devMode) {
    if (!env.JUPYTERHUB_API_URL) {
      throw new ConfigError(
        'JUPYTERHUB_API_URL',
        'is required (set by JupyterHub for a hub-managed service; or set CATALYST_DEV_MODE=1 for development)'
      );
    }
    if (!env.JUPYTERHUB_API_TOKEN) {
      throw new ConfigError(
        'JUPYTERHUB_API_TOKEN',
        'is required (the service token JupyterHub gives this service)'
      );
    }
  }
  const hubApi =
    env.JUPYTERHUB_API_URL && env.JUPYTERHUB_API_TOKEN
      ? {
          url: env.JUPYTERHUB_API_URL.replace(/\/+$/, ''),
          token: env.JUPYTERHUB_API_TOKEN,
          timeoutMs: env.CATALYST_HUB_TIMEOUT_MS
        }
      : null;
  const listen = listenAddress(env);
  return {
    hubId: env.CATALYST_HUB_ID,
    hubName: env.CATALYST_HUB_NAME ?? env.CATALYST_HUB_ID,
    hubPublicUrl: env.JUPYTERHUB_PUBLIC_URL ?? '',
    registerHub:
      env.CATALYST_REGISTER_HUB === 'auto'
        ? 'auto'
        : isOn(env.CATALYST_REGISTER_HUB)
          ? 'always'
          : 'never',
    hubCommunity: env.CATALYST_HUB_COMMUNITY ?? null,
    hubLanguages: env.CATALYST_HUB_LANGUAGES
      ? env.CATALYST_HUB_LANGUAGES.split(',')
      : null,
    prefix: normalisePrefix(env.JUPYTERHUB_SERVICE_PREFIX),
    host: listen.host,
    port: listen.port,
    serviceName: env.JUPYTERHUB_SERVICE_NAME,
    hubApi,
    roles: {
      hubChampionGroup: env.CATALYST_HUB_CHAMPION_GROUP,
      communityChampionGroup: env.CATALYST_COMMUNITY_CHAMPION_GROUP,
      coreTeam: env.CATALYST_CORE_TEAM.split(',')
        .map(name => name.trim())
        .filter(Boolean),
      coreTeamGroup: env.CATALYST_CORE_TEAM_GROUP
    },
    databaseUrl: env.DATABASE_URL ?? null,
    dbPoolMax: env.CATALYST_DB_POOL_MAX ?? null,
    dbPreparedStatements: env.CATALYST_DB_PREPARED_STATEMENTS === '1',
    dataDir: env.CATALYST_DATA_DIR ?? defaultDataDir(env.XDG_DATA_HOME),
    jwt: {
      secret: jwtSecret(env, devMode),
      ttlSeconds: env.CATALYST_JWT_TTL_SECONDS
    },
    bodyLimit: env.CATALYST_BODY_LIMIT,
    devMode: devMode ? { secret: env.CATALYST_DEV_SECRET as string } : null,
    logLevel: env.CATALYST_LOG_LEVEL,
    demoSeed: isOn(env.CATALYST_DEMO_SEED),
    partnershipsZone: ianaZone(env.CATALYST_PARTNERSHIPS_ZONE),
    metricsToken: env.CATALYST_METRICS_TOKEN ?? null
  };
}

/** Converts strings to the schema's types, fills defaults and reports the first bad variable. */
function parseEnv(source: NodeJS.ProcessEnv): Env {
  const known: Record<string, string> = {};
  for (const name of Object.keys(EnvSchema.properties)) {
    const value = source[name];
    // An empty variable means "not set", as in most shells' `VAR= cmd`.
    if (value !== undefined && value !== '') known[name] = value;
  }
  const value = Value.Default(EnvSchema, Value.Convert(EnvSchema, known));
  for (const error of Value.Errors(EnvSchema, value)) {
    const variable = error.instancePath.replace(/^\//, '') || 'environment';
    const schema = (
      EnvSchema.properties as Record<string, { description?: string }>
    )[variable];
    const hint = schema?.description ? ` (${schema.description})` : '';
    throw new ConfigError(variable, `is invalid: ${error.message}${hint}`);
  }
  return value as Env;
}

/** The zone when the runtime knows it; a typo would otherwise shift every term's "today" silently. */
function ianaZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ConfigError(
      'CATALYST_PARTNERSHIPS_ZONE',
      `must be an IANA time zone such as UTC or America/Bogota, not "${zone}"`
    );
  }
  return zone;
}

function isOn(flag: string): boolean {
  return flag === '1' || flag === 'true';
}

/** '/services/catalyst/' and 'services//catalyst' both become '/services/catalyst'; '/' becomes ''. */
export function normalisePrefix(prefix: string): string {
  const parts = prefix.split('/').filter(Boolean);
  return parts.length ? `/${parts.join('/')}` : '';
}

function listenAddress(env: Env): { host: string; port: number } {
  let host = '127.0.0.1';
  let port = 10101;
  if (env.JUPYTERHUB_SERVICE_URL) {
    const url = new URL(env.JUPYTERHUB_SERVICE_URL);
    // URL keeps IPv6 hosts in brackets, which listen() does not accept.
    host = url.hostname.replace(/^\[(.*)\]$/, '$1') || host;
    port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  }
  return { host: env.CATALYST_HOST ?? host, port: env.CATALYST_PORT ?? port };
}

function defaultDataDir(xdgDataHome: string | undefined): string {
  return join(
    xdgDataHome || join(homedir(), '.local', 'share'),
    'jupyterlab-catalyst'
  );
}

/** Replicas of one hub derive the same secret from its service token; different hubs differ. */
function jwtSecret(env: Env, devMode: boolean): string {
  // Development sessions are signed with the development secret, so they never pass for a hub's.
  if (devMode) return env.CATALYST_DEV_SECRET as string;
  if (env.CATALYST_JWT_SECRET) return env.CATALYST_JWT_SECRET;
  return createHmac('sha256', env.JUPYTERHUB_API_TOKEN as string)
    .update(`catalyst-jwt:${env.CATALYST_HUB_ID}`)
    .digest('base64url');
}
