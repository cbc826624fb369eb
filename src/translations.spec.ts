import { execFileSync } from 'child_process';
import path from 'path';

import { TranslationManager } from '@jupyterlab/translation';

import { roleLabel, statusLabel } from './widgets/labels';

const ROOT = path.resolve(__dirname, '..');

/** What `i18n.mjs check --json` prints. */
interface ICheckReport {
  extracted: string[];
  languages: string[];
  missing: Record<string, string[]>;
  errors: string[];
}

/** Run scripts/i18n.mjs and parse its JSON output (exit code 1 still prints the report). */
function i18n<T>(...args: string[]): T {
  try {
    return JSON.parse(
      execFileSync('node', ['scripts/i18n.mjs', ...args], {
        cwd: ROOT,
        encoding: 'utf8'
      })
    );
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) {
      return JSON.parse(stdout);
    }
    throw error;
  }
}

/** A translator set to a UI language, fed with our catalogue as jupyterlab_server serves it. */
async function translatorFor(locale: string, catalogue: unknown) {
  const manager = new TranslationManager('', undefined, undefined, {
    fetch: async () => ({
      data: { jupyterlab_catalyst: catalogue },
      message: ''
    })
  } as unknown as ConstructorParameters<typeof TranslationManager>[3]);
  await manager.fetch(locale);
  return manager;
}

describe('jupyterlab-catalyst', () => {
  describe('translations', () => {
    const report = i18n<ICheckReport>('check', '--json');

    it('should extract every trans call of src/ with literal arguments', () => {
      expect(report.errors).toEqual([]);
      // Guards against an extractor that silently finds nothing.
      expect(report.extracted).toEqual(
        expect.arrayContaining([
          'Hello, %1',
          'Hub Champion',
          'Service unreachable'
        ])
      );
    });

    it('should have a Spanish translation for every extracted string', () => {
      expect(report.languages).toContain('es');
      expect(report.missing.es).toEqual([]);
    });

    it('should translate through JupyterLab when the UI language is es_ES', async () => {
      const manager = await translatorFor('es_ES', i18n<unknown>('json', 'es'));
      const trans = manager.load('jupyterlab_catalyst');

      expect(manager.languageCode).toBe('es-ES');
      expect(trans.__('Hello, %1', 'Ana')).toBe('Hola, Ana');
      expect(roleLabel('hub-champion', trans)).toBe('Referente del Hub');
      expect(statusLabel('offline', trans)).toBe('Sin conexión');
    });
  });
});
