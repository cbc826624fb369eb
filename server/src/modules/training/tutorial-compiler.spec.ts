import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHIPPED_TUTORIALS } from './training.routes.js';
import { bundleIsCurrent } from './tutorial-bundle.js';
import { compileFolder, compileTutorial } from './tutorial-compiler.js';
import type { Check } from './tutorial.schema.js';

/** A valid tutorial whose first step's check is `check` (YAML, indented under `check:`). */
function tutorial(check: string, extraFront = ''): string {
  return [
    '---',
    'id: demo',
    'version: 1.0.0',
    'title: {en: Demo, es: Demostración}',
    'languages: [en, es]',
    'minutes: 5',
    extraFront,
    '---',
    '',
    '::::{step} first',
    '---',
    'title: {en: First, es: Primero}',
    'hints:',
    '  - {en: A hint, es: Una pista}',
    'show_me:',
    '  - command: notebook:create-new',
    '    args: {kernelName: python3}',
    'check:',
    check,
    '---',
    ':::{en}',
    'Do it.',
    ':::',
    ':::{es}',
    'Hazlo.',
    ':::',
    '::::',
    ''
  ].join('\n');
}

const EVERY_CHECK = `  type: any
  checks:
    - {type: command, command: "notebook:run-cell"}
    - {type: widget, className: jp-NotebookPanel}
    - {type: widget, id: jp-main-dock-panel}
    - {type: cell-executed, tag: load-data}
    - {type: cell-executed, cellId: abc-123}
    - {type: output-matches, regex: "344", tag: load-data}
    - {type: kernel, python: "len(df) == 344", timeoutMs: 2000}
    - {type: kernel, r: "nrow(df) == 344"}
    - {type: kernel, python: "n", r: "n", expect: "3"}
    - {type: hub, user: test-learner, running: false}
    - {type: hub, inGroup: hub-champions}
    - {type: hub, server: analysis, profile: small}
    - {type: hub, user: someone@example.org, exists: false}
    - {type: file, path: shared/data.csv, fileType: file}
    - {type: setting, plugin: "@jupyterlab/apputils-extension:themes", key: theme, equals: JupyterLab Dark}
    - type: quiz
      question: {en: Which?, es: ¿Cuál?}
      options:
        - {id: a, text: {en: A}, correct: true, feedback: {en: Yes}}
        - {id: b, text: {en: B}, feedback: {en: "No"}}
    - {type: self-report}
    - type: all
      checks: [{type: self-report}]`;

describe('tutorial compiler', () => {
  it('compiles every check type, hints, show-me and both languages', () => {
    const result = compileTutorial('demo.md', tutorial(EVERY_CHECK));
    assert.deepEqual(result.errors, []);
    const step = result.tutorial?.steps[0];
    assert.equal(step?.id, 'first');
    assert.deepEqual(step?.text, { en: 'Do it.', es: 'Hazlo.' });
    assert.deepEqual(step?.showMe, [
      { command: 'notebook:create-new', args: { kernelName: 'python3' } }
    ]);
    assert.equal(step?.check.type, 'any');
    assert.equal(result.tutorial?.audience, 'member');
    assert.equal(result.tutorial?.version, '1.0.0');
  });

  it('compiles the shipped tutorials without an error', async () => {
    const { tutorials, errors } = await compileFolder(SHIPPED_TUTORIALS);
    assert.deepEqual(errors, []);
    const python = tutorials.find(t => t.id === 'first-python-notebook');
    assert.ok(python);
    assert.deepEqual(python.languages, ['en', 'es']);
    for (const t of tutorials) {
      for (const step of t.steps) {
        for (const lang of t.languages) {
          assert.ok(step.text[lang], `${t.id}/${step.id} has ${lang} text`);
          assert.ok(step.title[lang], `${t.id}/${step.id} has a ${lang} title`);
        }
      }
    }
  });

  it('ships the six Hub Champion episodes and the R notebook with real checks', async () => {
    const { tutorials } = await compileFolder(SHIPPED_TUTORIALS);
    const byId = new Map(tutorials.map(t => [t.id, t]));
    const episodes = tutorials.filter(t => t.id.startsWith('hub-champion-'));
    assert.deepEqual(
      episodes.map(t => t.id.split('-')[2]),
      ['1', '2', '3', '4', '5', '6']
    );
    for (const episode of episodes) {
      assert.equal(episode.audience, 'hub-champion');
      assert.deepEqual(episode.languages, ['en', 'es']);
    }
    const types = (check: Check): string[] =>
      check.type === 'all' || check.type === 'any'
        ? check.checks.flatMap(types)
        : [check.type];
    const checksOf = (id: string) =>
      byId.get(id)?.steps.flatMap(step => types(step.check)) ?? [];
    // Episodes 2 and 3 ask the hub what the champion really did.
    assert.ok(checksOf('hub-champion-2-access').includes('hub'));
    assert.ok(checksOf('hub-champion-3-servers').includes('hub'));
    assert.ok(checksOf('hub-champion-4-images').includes('kernel'));
    assert.ok(checksOf('hub-champion-5-data').includes('file'));
    assert.ok(checksOf('hub-champion-6-help').includes('command'));
    const r = byId.get('first-r-notebook');
    assert.deepEqual(r?.kernels, ['ir']);
    const rChecks = r?.steps.flatMap(step =>
      step.check.type === 'kernel' ? [step.check] : []
    );
    assert.ok(
      rChecks?.length && rChecks.every(check => check.r && !check.python)
    );
    // Every quiz answer explains itself in every language of its tutorial.
    for (const t of tutorials) {
      for (const step of t.steps) {
        const check = step.check;
        if (check.type !== 'quiz') continue;
        for (const option of check.options) {
          for (const lang of t.languages) {
            assert.ok(
              option.feedback?.[lang] && option.text[lang],
              `${t.id}/${step.id}/${option.id} in ${lang}`
            );
          }
        }
      }
    }
  });

  it("keeps the extension's fallback copy in step with the files", async () => {
    assert.ok(
      await bundleIsCurrent(),
      'src/training/shippedTutorials.ts is stale: run npm --prefix server run tutorials:bundle'
    );
  });

  const broken: [string, string, string, RegExp][] = [
    [
      'a regex that does not compile',
      '  type: output-matches\n  regex: "("',
      'steps[first].check.regex',
      /format/
    ],
    [
      'an unknown check type',
      '  type: telepathy',
      'steps[first].check.type',
      /allowed/
    ],
    [
      'a command check without a command',
      '  type: command',
      'steps[first].check.command',
      /required/
    ],
    [
      'a widget check with no target',
      '  type: widget',
      'steps[first].check',
      /requires one of: id, className/
    ],
    [
      'a kernel check without an expression',
      '  type: kernel',
      'steps[first].check',
      /requires one of: python, r/
    ],
    [
      'a kernel check for an unknown language',
      '  type: kernel\n  julia: "1 + 1"',
      'steps[first].check.julia',
      /not a field/
    ],
    [
      'a hub check that checks nothing',
      '  type: hub\n  user: test-learner',
      'steps[first].check',
      /requires one of: exists, running, inGroup, profile/
    ],
    [
      'a hub check with a bad user name',
      '  type: hub\n  user: "a b"\n  exists: true',
      'steps[first].check.user',
      /pattern/
    ],
    [
      'a hub check with running as text',
      '  type: hub\n  running: "yes"',
      'steps[first].check.running',
      /boolean/
    ],
    [
      'a file check with an empty path',
      '  type: file\n  path: ""',
      'steps[first].check.path',
      /fewer than 1/
    ],
    [
      'a setting check without a value',
      '  type: setting\n  plugin: x\n  key: y',
      'steps[first].check.equals',
      /required/
    ],
    [
      'a quiz without a right answer',
      '  type: quiz\n  question: {en: Q}\n  options:\n    - {id: a, text: {en: A}}\n    - {id: b, text: {en: B}}',
      'steps[first].check.options',
      /contain/
    ],
    [
      'an empty all',
      '  type: all\n  checks: []',
      'steps[first].check.checks',
      /fewer than 1/
    ],
    [
      'a bad check inside any',
      '  type: any\n  checks:\n    - {type: cell-executed, cellId: 3}',
      'steps[first].check.checks[0].cellId',
      /string/
    ]
  ];
  for (const [name, check, field, message] of broken) {
    it(`names the file, line and field for ${name}`, () => {
      const result = compileTutorial('broken.md', tutorial(check));
      assert.equal(result.tutorial, null);
      const error = result.errors.find(e => e.field === field);
      assert.ok(
        error,
        `an error on ${field} in ${JSON.stringify(result.errors)}`
      );
      assert.equal(error.file, 'broken.md');
      assert.match(error.message, message);
      assert.ok(error.line >= 18 && error.line <= 28, `line ${error.line}`);
    });
  }

  it('points at the front matter line of a bad field', () => {
    const source = tutorial('  type: self-report').replace(
      'minutes: 5',
      'minutes: soon'
    );
    const result = compileTutorial('front.md', source);
    assert.deepEqual(
      result.errors.map(e => [e.line, e.field]),
      [[6, 'minutes']]
    );
  });

  it('reports YAML syntax errors, unclosed steps and missing front matter', () => {
    const yaml = compileTutorial('yaml.md', tutorial('  type: [self-report'));
    assert.match(yaml.errors[0]?.message ?? '', /YAML/);
    const unclosed = compileTutorial(
      'open.md',
      tutorial('  type: self-report').replace(/::::\n$/, '')
    );
    assert.match(unclosed.errors[0]?.message ?? '', /no closing ::::/);
    assert.equal(unclosed.errors[0]?.line, 10);
    const bare = compileTutorial('bare.md', '# Just a title\n');
    assert.deepEqual(
      bare.errors.map(e => [e.line, e.field]),
      [[1, 'front matter']]
    );
  });

  it('refuses two steps with one id', () => {
    const one = tutorial('  type: self-report');
    const step = one.slice(one.indexOf('::::{step}'));
    const result = compileTutorial('twice.md', one + '\n' + step);
    assert.equal(result.errors[0]?.field, 'steps[first]');
    assert.match(result.errors[0]?.message ?? '', /two steps/);
  });

  it('keeps the good tutorials of a folder when one file is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tutorials-'));
    try {
      await writeFile(join(dir, 'a-good.md'), tutorial('  type: self-report'));
      await writeFile(join(dir, 'b-bad.md'), tutorial('  type: nonsense'));
      await writeFile(
        join(dir, 'c-same-id.md'),
        tutorial('  type: self-report')
      );
      await writeFile(join(dir, 'notes.txt'), 'not a tutorial');
      await writeFile(join(dir, 'README.md'), '# How to write tutorials');
      const { tutorials, errors } = await compileFolder(dir);
      assert.deepEqual(
        tutorials.map(t => t.source),
        ['a-good.md']
      );
      assert.deepEqual(
        errors.map(e => e.file),
        ['b-bad.md', 'c-same-id.md']
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
