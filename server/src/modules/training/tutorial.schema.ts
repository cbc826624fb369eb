/** The JSON Schema of a compiled tutorial, and its TypeScript shape; the extension reads the same JSON. */

/** Text per language code, e.g. `{en: 'Run a cell', es: 'Ejecuta una celda'}`. */
export type LocalizedText = Record<string, string>;

/** A step's check; `all`/`any` combine others. */
export type Check =
  | { type: 'command'; command: string; args?: Record<string, unknown> }
  | { type: 'widget'; id?: string; className?: string }
  | { type: 'cell-executed'; cellId?: string; tag?: string }
  | { type: 'output-matches'; regex: string; cellId?: string; tag?: string }
  | {
      type: 'kernel';
      python?: string;
      r?: string;
      expect?: string;
      timeoutMs?: number;
    }
  | { type: 'file'; path: string; fileType?: 'file' | 'directory' | 'notebook' }
  | { type: 'setting'; plugin: string; key: string; equals: unknown }
  | {
      type: 'hub';
      user?: string;
      server?: string;
      exists?: boolean;
      running?: boolean;
      inGroup?: string;
      profile?: string;
    }
  | {
      type: 'quiz';
      question: LocalizedText;
      options: {
        id: string;
        text: LocalizedText;
        correct?: boolean;
        feedback?: LocalizedText;
      }[];
    }
  | { type: 'self-report' }
  | { type: 'all' | 'any'; checks: Check[] };

/** One step of a compiled tutorial. */
export interface TutorialStep {
  id: string;
  title: LocalizedText;
  text: LocalizedText;
  hints: LocalizedText[];
  solution?: LocalizedText;
  showMe: { command: string; args?: Record<string, unknown> }[];
  highlight?: string;
  check: Check;
}

/** A compiled tutorial, as the service serves it. */
export interface CompiledTutorial {
  id: string;
  version: string;
  title: LocalizedText;
  languages: string[];
  kernels: string[];
  objectives: Record<string, string[]>;
  minutes: number;
  prerequisites: string[];
  audience: 'member' | 'hub-champion';
  source: string;
  steps: TutorialStep[];
  /** Set by the service on a new version: the steps whose text and check did not change. */
  carriesFrom?: { version: string; steps: string[] };
}

const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,79}$' };
const language = { type: 'string', pattern: '^(en|es|pt|fr)$' };
const text = {
  type: 'object',
  propertyNames: language,
  additionalProperties: { type: 'string', minLength: 1 },
  minProperties: 1,
  required: ['en']
};
const args = { type: 'object' };
const commandId = { type: 'string', pattern: '^[\\w.-]+:[\\w.-]+$' };

function check(type: string, properties: object, required: string[] = []) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...required],
    properties: { type: { const: type }, ...properties }
  };
}

const cellTarget = {
  cellId: { type: 'string', minLength: 1 },
  tag: { type: 'string', minLength: 1 }
};

/** The JSON Schema (draft 2020-12 subset Ajv 8 runs) every compiled tutorial must satisfy. */
export const tutorialSchema = {
  $id: 'https://catalyst/tutorial.json',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'version',
    'title',
    'languages',
    'kernels',
    'objectives',
    'minutes',
    'prerequisites',
    'audience',
    'source',
    'steps'
  ],
  properties: {
    id,
    version: { type: 'string', pattern: '^[0-9A-Za-z.+-]{1,40}$' },
    title: text,
    languages: {
      type: 'array',
      items: language,
      minItems: 1,
      uniqueItems: true
    },
    kernels: {
      type: 'array',
      items: { type: 'string', enum: ['python3', 'ir'] },
      uniqueItems: true
    },
    objectives: {
      type: 'object',
      propertyNames: language,
      additionalProperties: { type: 'array', items: { type: 'string' } }
    },
    minutes: { type: 'integer', minimum: 1, maximum: 600 },
    prerequisites: { type: 'array', items: id },
    audience: { enum: ['member', 'hub-champion'] },
    source: { type: 'string' },
    carriesFrom: {
      type: 'object',
      additionalProperties: false,
      required: ['version', 'steps'],
      properties: {
        version: { type: 'string' },
        steps: { type: 'array', items: id }
      }
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'text', 'hints', 'showMe', 'check'],
        properties: {
          id,
          title: text,
          text,
          hints: { type: 'array', items: text },
          solution: text,
          showMe: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['command'],
              properties: { command: commandId, args }
            }
          },
          // A widget id, or cell:<id>; resolved in JupyterLab, never a CSS selector.
          highlight: { type: 'string', pattern: '^(cell:)?[\\w.:-]{1,200}$' },
          check: { $ref: '#/$defs/check' }
        }
      }
    }
  },
  $defs: {
    check: {
      type: 'object',
      required: ['type'],
      properties: {
        type: {
          enum: [
            'command',
            'widget',
            'cell-executed',
            'output-matches',
            'kernel',
            'file',
            'setting',
            'hub',
            'quiz',
            'self-report',
            'all',
            'any'
          ]
        }
      },
      // `if` on the type picks one shape, so an error names the field rather than every branch.
      allOf: [
        [
          'command',
          check('command', { command: commandId, args }, ['command'])
        ],
        [
          'widget',
          {
            ...check('widget', {
              id: { type: 'string', minLength: 1 },
              className: { type: 'string', pattern: '^[\\w-]+$' }
            }),
            anyOf: [{ required: ['id'] }, { required: ['className'] }]
          }
        ],
        ['cell-executed', check('cell-executed', cellTarget)],
        [
          'output-matches',
          check(
            'output-matches',
            { ...cellTarget, regex: { type: 'string', format: 'regex' } },
            ['regex']
          )
        ],
        [
          'kernel',
          {
            ...check('kernel', {
              python: { type: 'string', minLength: 1 },
              r: { type: 'string', minLength: 1 },
              expect: { type: 'string' },
              timeoutMs: { type: 'integer', minimum: 100, maximum: 10000 }
            }),
            anyOf: [{ required: ['python'] }, { required: ['r'] }]
          }
        ],
        [
          'file',
          check(
            'file',
            {
              path: { type: 'string', minLength: 1 },
              fileType: { enum: ['file', 'directory', 'notebook'] }
            },
            ['path']
          )
        ],
        [
          'setting',
          check(
            'setting',
            { plugin: { type: 'string' }, key: { type: 'string' }, equals: {} },
            ['plugin', 'key', 'equals']
          )
        ],
        [
          'hub',
          {
            ...check('hub', {
              // JupyterHub's own user and server name rules, a little stricter.
              user: { type: 'string', pattern: '^[\\w.@+-]{1,100}$' },
              server: { type: 'string', pattern: '^[\\w.-]{0,100}$' },
              exists: { type: 'boolean' },
              running: { type: 'boolean' },
              inGroup: { type: 'string', pattern: '^[\\w.@+-]{1,100}$' },
              profile: { type: 'string', minLength: 1 }
            }),
            anyOf: [
              { required: ['exists'] },
              { required: ['running'] },
              { required: ['inGroup'] },
              { required: ['profile'] }
            ]
          }
        ],
        [
          'quiz',
          check(
            'quiz',
            {
              question: text,
              options: {
                type: 'array',
                minItems: 2,
                contains: {
                  type: 'object',
                  required: ['correct'],
                  properties: { correct: { const: true } }
                },
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['id', 'text'],
                  properties: {
                    id,
                    text,
                    correct: { type: 'boolean' },
                    feedback: text
                  }
                }
              }
            },
            ['question', 'options']
          )
        ],
        ['self-report', check('self-report', {})],
        ...['all', 'any'].map(kind => [
          kind,
          check(
            kind,
            {
              checks: {
                type: 'array',
                minItems: 1,
                items: { $ref: '#/$defs/check' }
              }
            },
            ['checks']
          )
        ])
      ].map(([type, then]) => ({
        if: { properties: { type: { const: type } } },
        then
      }))
    }
  }
} as const;
