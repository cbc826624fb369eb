import type { IConsultation } from '../api/feedback';
import {
  charCount,
  toLangTag,
  validateDraft,
  type IFeedbackDraft
} from './validation';

function draft(change: Partial<IFeedbackDraft> = {}): IFeedbackDraft {
  return {
    target: 'topic:training',
    title: 'More tutorials in Spanish',
    body: 'The R tutorial would help our students.',
    lang: 'es',
    anonymous: false,
    attachContext: false,
    ...change
  };
}

function consultation(status: IConsultation['status']): IConsultation {
  return {
    id: 'c1',
    question: 'How should champions be chosen?',
    description: '',
    communities: [],
    languages: ['en', 'es'],
    opensAt: '2026-11-01T00:00:00.000Z',
    closesAt: '2026-11-20T00:00:00.000Z',
    anonymous: false,
    resultsHidden: true,
    status,
    replyCount: null,
    replied: false
  };
}

const fields = (d: IFeedbackDraft, c: IConsultation[] = []) =>
  validateDraft(d, c).map(p => `${p.field}:${p.code}`);

describe('feedback form validation', () => {
  it('accepts a complete draft', () => {
    expect(fields(draft())).toEqual([]);
  });

  it('needs a topic or a consultation', () => {
    expect(fields(draft({ target: '' }))).toEqual(['target:missing']);
  });

  it('bounds the title to 10–120 characters after trimming', () => {
    expect(fields(draft({ title: '' }))).toEqual(['title:missing']);
    expect(fields(draft({ title: '   short   ' }))).toEqual([
      'title:too_short'
    ]);
    expect(fields(draft({ title: 'x'.repeat(10) }))).toEqual([]);
    expect(fields(draft({ title: 'x'.repeat(120) }))).toEqual([]);
    expect(fields(draft({ title: 'x'.repeat(121) }))).toEqual([
      'title:too_long'
    ]);
  });

  it('counts characters as people do: an emoji is one', () => {
    expect(charCount('🌍🌎🌏')).toBe(3);
    // 120 emoji are 240 UTF-16 units and still a valid title.
    expect(fields(draft({ title: '🌍'.repeat(120) }))).toEqual([]);
  });

  it('needs a body of at most 4000 characters', () => {
    expect(fields(draft({ body: '  \n ' }))).toEqual(['body:missing']);
    expect(fields(draft({ body: 'x'.repeat(4000) }))).toEqual([]);
    expect(fields(draft({ body: 'x'.repeat(4001) }))).toEqual([
      'body:too_long'
    ]);
  });

  it('refuses a closed or not yet open consultation, keeping the rest valid', () => {
    const target = 'consultation:c1';
    expect(fields(draft({ target }), [consultation('closed')])).toEqual([
      'target:consultation_closed'
    ]);
    expect(fields(draft({ target }), [consultation('scheduled')])).toEqual([
      'target:consultation_not_open'
    ]);
    expect(fields(draft({ target }), [consultation('open')])).toEqual([]);
  });

  it('needs a BCP-47 language and maps JupyterLab locales to one', () => {
    expect(fields(draft({ lang: 'Spanish' }))).toEqual(['lang:invalid']);
    expect(toLangTag('es_ES')).toBe('es-ES');
    expect(toLangTag('pt-BR')).toBe('pt-BR');
    expect(toLangTag('en')).toBe('en');
    expect(toLangTag('')).toBe('en');
    expect(toLangTag('??')).toBe('en');
  });
});
