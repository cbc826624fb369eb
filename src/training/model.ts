/** The training panel's state: catalogue, the open tutorial and step, checks and saved progress. */
import { ISignal, Signal } from '@lumino/signaling';

import type { ICatalystClient } from '../tokens';
import type { ICohortProgress } from './cohort';
import {
  runCheck,
  type IAnswers,
  type ICheckEnvironment,
  type ICheckResult
} from './checks';
import {
  Outbox,
  type IKeyValueStore,
  type IOutboxEntry,
  type OutboxState,
  type SendOutcome
} from './outbox';
import type { IProgress, IStep, ITutorial, StepStatus } from './types';
import { readJson, writeJson } from '../storage';

/** A tutorial in the catalogue. */
export interface ITutorialSummary {
  id: string;
  version: string;
  title: Record<string, string>;
  languages: string[];
  minutes: number;
  audience: string;
  stepIds: string[];
}

/** Where the learner's "I'm stuck" request for the open step is. */
export type HelpState = 'idle' | 'sending' | 'sent' | 'failed';

/** A learner's request for help, as Hub Champions see it. */
export interface IHelpRequest {
  id: string;
  user: string;
  tutorialId: string;
  version: string;
  stepId: string;
  note: string | null;
  context: {
    attempts?: number;
    hintsUsed?: number;
    reasons?: string[];
    language?: string;
  } | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

/** The answer to a champion's tutorial upload. */
export type UploadOutcome =
  | {
      ok: true;
      id: string;
      version: string;
      carriesFrom: { version: string; steps: string[] } | null;
    }
  | {
      ok: false;
      errors: { file: string; line: number; field: string; message: string }[];
      message: string;
    };

/** Where the catalogue came from. */
export type CatalogueSource = 'loading' | 'service' | 'bundled';

/** The training panel's model (no DOM). */
export class TrainingModel {
  /** Create the model; call `load` to fill it. */
  constructor(options: TrainingModel.IOptions) {
    this._client = options.client;
    this._env = options.environment;
    this._store = options.store;
    this._uiLanguage = options.uiLanguage;
    // The catalogue speaks JupyterLab's language from the start (text() falls back to English).
    this._language = Private.baseLanguage(options.uiLanguage);
    this._bundled = options.bundled;
    this._runCommand = options.runCommand;
    this._highlight = options.highlight ?? (() => false);
    this._now = options.now ?? (() => new Date());
    this._prefix = `jupyterlab-catalyst:training:${options.user}:`;
    this._outbox = new Outbox({
      store: options.store,
      storageKey: `${this._prefix}outbox`,
      send: entry => this._send(entry),
      ...options.outbox
    });
    this._outbox.changed.connect(() => this._changed.emit());
    this._progress = this._read<Record<string, IProgress>>('progress', {});
  }

  /** Emitted on every change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The tutorials on offer. */
  get catalogue(): ITutorialSummary[] {
    return this._catalogue;
  }

  /** Whether the catalogue came from the service or the extension's own copy. */
  get source(): CatalogueSource {
    return this._source;
  }

  /** The open tutorial, or null on the catalogue. */
  get tutorial(): ITutorial | null {
    return this._tutorial;
  }

  /** The index of the open step. */
  get stepIndex(): number {
    return this._stepIndex;
  }

  /** The open step. */
  get step(): IStep | null {
    return this._tutorial?.steps[this._stepIndex] ?? null;
  }

  /** The language the open tutorial is shown in. */
  get language(): string {
    return this._language;
  }

  /** The language the learner wanted when the tutorial lacks it, else null. */
  get missingLanguage(): string | null {
    return this._missingLanguage;
  }

  /** How many hints of the open step are shown. */
  get hintsShown(): number {
    return this._hintsShown;
  }

  /** Whether a check is running. */
  get checking(): boolean {
    return this._checking;
  }

  /** The last check result of the open step. */
  get lastResult(): ICheckResult | null {
    return this._lastResult;
  }

  /** This hub's learners' progress, for Hub Champions; null for everyone else. */
  get cohort(): ICohortProgress[] | null {
    return this._cohort;
  }

  /** Whether the open step's solution is shown. */
  get solutionShown(): boolean {
    return this._solutionShown;
  }

  /** Where the open step's help request is. */
  get helpState(): HelpState {
    return this._helpState;
  }

  /** This hub's open help requests, for Hub Champions; null for everyone else. */
  get helpRequests(): IHelpRequest[] | null {
    return this._helpRequests;
  }

  /** Whether progress reached the service. */
  get saveState(): OutboxState {
    return this._outbox.state;
  }

  /** The progress of one step of the open or any tutorial version. */
  progressOf(
    tutorialId: string,
    version: string,
    stepId: string
  ): IProgress | null {
    return this._progress[Private.key(tutorialId, version, stepId)] ?? null;
  }

  /** How many steps of a tutorial passed. */
  passedCount(summary: ITutorialSummary): number {
    return summary.stepIds.filter(
      id =>
        this.progressOf(summary.id, summary.version, id)?.status === 'passed'
    ).length;
  }

  /** Loads the catalogue and progress, then reopens the tutorial left open. */
  async load(): Promise<void> {
    await this._loadCatalogue();
    await this.syncProgress();
    await this.refreshCohort();
    const open = this._read<string | null>('open', null);
    if (open && this._catalogue.some(t => t.id === open)) {
      await this.open(open);
    }
    void this._outbox.flush();
  }

  /** After the service comes back: its catalogue if we showed the shipped one, its progress, our outbox. */
  async reconnect(): Promise<void> {
    if (this._source !== 'service') {
      await this._loadCatalogue();
    }
    await this.syncProgress();
    await this.refreshCohort();
    await this._outbox.flush();
  }

  /** Reloads the cohort and open help requests for a Hub Champion (no-op for others). */
  async refreshCohort(): Promise<void> {
    if (!this._client.user?.roles.includes('hub-champion')) {
      this._cohort = null;
      this._helpRequests = null;
      return;
    }
    try {
      const [cohort, help] = await Promise.all([
        this._client.request<{ progress: ICohortProgress[] }>(
          'api/training/cohort'
        ),
        this._client.request<{ requests: IHelpRequest[] }>(
          'api/training/help?open=true'
        )
      ]);
      this._cohort = cohort.progress;
      this._helpRequests = help.requests;
    } catch {
      // Keep the last cohort seen; it refreshes when the service answers again.
    }
    this._changed.emit();
  }

  /** A Hub Champion marks a help request dealt with. */
  async resolveHelp(id: string): Promise<boolean> {
    try {
      await this._client.request(
        `api/training/help/${encodeURIComponent(id)}/resolve`,
        { method: 'POST' }
      );
    } catch {
      return false;
    }
    this._helpRequests = (this._helpRequests ?? []).filter(r => r.id !== id);
    this._changed.emit();
    return true;
  }

  /** Merges the service's progress into the local one (newest change wins, first pass kept). */
  async syncProgress(): Promise<void> {
    try {
      const answer = await this._client.request<{ progress: IProgress[] }>(
        'api/training/progress'
      );
      for (const remote of answer.progress) {
        const key = Private.key(
          remote.tutorialId,
          remote.version,
          remote.stepId
        );
        this._progress[key] = Private.merge(this._progress[key], remote);
      }
      this._write('progress', this._progress);
      this._changed.emit();
    } catch {
      // Offline: the local copy and the outbox carry on.
    }
  }

  /** Opens a tutorial at the step the learner left, or the first one not passed. */
  async open(id: string): Promise<void> {
    let tutorial: ITutorial | undefined;
    if (this._source === 'service') {
      tutorial = await this._client
        .request<ITutorial>(`api/training/tutorials/${encodeURIComponent(id)}`)
        .catch(() => undefined);
    }
    tutorial ??= this._bundled.find(t => t.id === id);
    if (!tutorial) {
      return;
    }
    this._tutorial = tutorial;
    this._write('open', id);
    this._carryOver(tutorial);
    const chosen = this._read<Record<string, string>>('language', {})[id];
    this._chooseLanguage(chosen ?? this._uiLanguage, !chosen);
    const last = this._read<Record<string, string>>('position', {})[id];
    const lastIndex = tutorial.steps.findIndex(step => step.id === last);
    const firstOpen = tutorial.steps.findIndex(
      step =>
        this.progressOf(id, tutorial.version, step.id)?.status !== 'passed'
    );
    this._enterStep(lastIndex >= 0 ? lastIndex : Math.max(0, firstOpen));
  }

  /** Back to the catalogue. */
  close(): void {
    this._tutorial = null;
    this._language = Private.baseLanguage(this._uiLanguage);
    this._lastResult = null;
    this._write('open', null);
    this._changed.emit();
  }

  /** Goes to another step of the open tutorial. */
  goTo(index: number): void {
    if (!this._tutorial || index < 0 || index >= this._tutorial.steps.length) {
      return;
    }
    this._enterStep(index);
  }

  /** Shows the open tutorial in another of its languages. */
  setLanguage(language: string): void {
    if (!this._tutorial) {
      return;
    }
    const choices = this._read<Record<string, string>>('language', {});
    this._write('language', { ...choices, [this._tutorial.id]: language });
    this._chooseLanguage(language, false);
    this._changed.emit();
  }

  /** Text in the open tutorial's language, else English, else any. */
  text(localized: Record<string, string> | undefined): string {
    if (!localized) {
      return '';
    }
    return (
      localized[this._language] ??
      localized.en ??
      Object.values(localized)[0] ??
      ''
    );
  }

  /** Reveals the next hint and records its use. */
  showHint(): void {
    const step = this.step;
    if (!step || this._hintsShown >= step.hints.length) {
      return;
    }
    this._hintsShown++;
    this._record(Private.status(this._current()), {
      hintsUsed: this._hintsShown
    });
  }

  /** Shows the open step's solution (the last rung of the hint ladder). */
  showSolution(): void {
    if (!this.step?.solution) {
      return;
    }
    this._solutionShown = true;
    this._changed.emit();
  }

  /** Highlights the open step's target in JupyterLab; false when it is not on screen. */
  highlight(): boolean {
    const target = this.step?.highlight;
    return target ? this._highlight(target) : false;
  }

  /**
   * Tells this hub's champions the learner is stuck on the open step.
   *
   * #### Notes
   * The step always travels; attempts, hints and the check's last reasons only with consent.
   * One key per step visit, so a resend after a lost answer is the same request.
   */
  async askForHelp(note: string, shareContext: boolean): Promise<boolean> {
    const tutorial = this._tutorial;
    const step = this.step;
    if (!tutorial || !step || this._helpState === 'sending') {
      return false;
    }
    this._helpKey ??= Private.helpKey();
    this._helpState = 'sending';
    this._changed.emit();
    const progress = this._current();
    const body: Record<string, unknown> = {
      tutorialId: tutorial.id,
      version: tutorial.version,
      stepId: step.id,
      ...(note.trim() ? { note: note.trim().slice(0, 1000) } : {}),
      ...(shareContext
        ? {
            context: {
              attempts: progress?.attempts ?? 0,
              hintsUsed: this._hintsShown,
              reasons: Array.from(
                new Set(
                  (this._lastResult?.reasons ?? [])
                    .map(reason => reason.code)
                    .filter(code => code !== 'passed')
                )
              ).slice(0, 20),
              language: this._language
            }
          }
        : {})
    };
    try {
      await this._client.request('api/training/help', {
        method: 'POST',
        headers: { 'Idempotency-Key': this._helpKey },
        body
      });
      this._helpState = 'sent';
    } catch {
      this._helpState = 'failed';
    }
    if (this.step === step) {
      this._changed.emit();
    }
    return this._helpState === 'sent';
  }

  /**
   * A Hub Champion adds a tutorial file for this hub; the service compiles it.
   *
   * #### Notes
   * A file that does not compile comes back with every error and its line and field.
   */
  async uploadTutorial(
    fileName: string,
    source: string
  ): Promise<UploadOutcome> {
    try {
      // Checked first, so errors come back as data with their lines and fields.
      const checked = await this._client.request<{
        errors: Extract<UploadOutcome, { ok: false }>['errors'];
      }>('api/training/hub-tutorials/check', {
        method: 'POST',
        body: { fileName, source }
      });
      if (checked.errors.length) {
        return { ok: false, errors: checked.errors, message: '' };
      }
      const answer = await this._client.request<{
        tutorial: ITutorialSummary;
        carriesFrom: { version: string; steps: string[] } | null;
      }>('api/training/hub-tutorials', {
        method: 'PUT',
        body: { fileName, source }
      });
      await this._loadCatalogue();
      return {
        ok: true,
        id: answer.tutorial.id,
        version: answer.tutorial.version,
        carriesFrom: answer.carriesFrom
      };
    } catch (error) {
      return { ok: false, errors: [], message: (error as Error).message };
    }
  }

  /** Runs the step's "show me" commands. */
  async showMe(): Promise<void> {
    for (const action of this.step?.showMe ?? []) {
      try {
        await this._runCommand(action.command, action.args ?? {});
      } catch (error) {
        console.warn(
          `Catalyst training: "show me" ${action.command} failed`,
          error
        );
      }
    }
  }

  /** Runs the step's check and records the attempt. */
  async check(answers: IAnswers = {}): Promise<ICheckResult | null> {
    const step = this.step;
    if (!step || this._checking) {
      return null;
    }
    this._checking = true;
    this._changed.emit();
    const result = await runCheck(step.check, this._env, answers);
    this._checking = false;
    // The learner may have moved on while the check ran.
    if (this.step !== step) {
      return result;
    }
    this._lastResult = result;
    const previous = this._current();
    this._record(result.passed ? 'passed' : 'failed', {
      attempts: (previous?.attempts ?? 0) + 1
    });
    return result;
  }

  /** Stops timers; stored progress stays for the next page. */
  dispose(): void {
    this._outbox.dispose();
    Signal.clearData(this);
  }

  private async _loadCatalogue(): Promise<void> {
    try {
      const answer = await this._client.request<{
        tutorials: ITutorialSummary[];
      }>('api/training/tutorials');
      this._catalogue = answer.tutorials;
      this._source = 'service';
    } catch {
      // Keep a catalogue the service gave earlier; else show the shipped copies.
      if (this._source !== 'service') {
        this._catalogue = this._bundled.map(Private.summary);
        this._source = 'bundled';
      }
    }
    this._changed.emit();
  }

  private _enterStep(index: number): void {
    const tutorial = this._tutorial as ITutorial;
    this._stepIndex = index;
    this._hintsShown = 0;
    this._lastResult = null;
    this._solutionShown = false;
    this._helpState = 'idle';
    this._helpKey = null;
    const positions = this._read<Record<string, string>>('position', {});
    const stepId = tutorial.steps[index]?.id as string;
    this._write('position', { ...positions, [tutorial.id]: stepId });
    const current = this._current();
    if (current) {
      this._hintsShown = current.hintsUsed;
    } else {
      this._record('started', {});
    }
    this._changed.emit();
  }

  /**
   * A new version keeps the passes of steps whose text and check did not change.
   *
   * #### Notes
   * Recorded as progress of the new version with the original first-pass time, so the
   * service, the cohort view and other devices agree.
   */
  private _carryOver(tutorial: ITutorial): void {
    const from = tutorial.carriesFrom;
    if (!from) {
      return;
    }
    for (const stepId of from.steps) {
      const old = this.progressOf(tutorial.id, from.version, stepId);
      if (
        old?.status !== 'passed' ||
        this.progressOf(tutorial.id, tutorial.version, stepId)
      ) {
        continue;
      }
      this._storeProgress(tutorial, stepId, 'passed', {
        attempts: old.attempts,
        hintsUsed: old.hintsUsed,
        firstPassedAt: old.firstPassedAt
      });
    }
  }

  private _chooseLanguage(wanted: string, fromUi: boolean): void {
    const tutorial = this._tutorial as ITutorial;
    const base = Private.baseLanguage(wanted);
    if (tutorial.languages.includes(base)) {
      this._language = base;
      this._missingLanguage = null;
    } else {
      this._language = tutorial.languages.includes('en')
        ? 'en'
        : (tutorial.languages[0] as string);
      // An English UI on an English-only tutorial has nothing to say.
      this._missingLanguage = fromUi && base === 'en' ? null : base;
    }
  }

  private _current(): IProgress | null {
    const tutorial = this._tutorial;
    const step = this.step;
    return tutorial && step
      ? this.progressOf(tutorial.id, tutorial.version, step.id)
      : null;
  }

  private _record(
    status: StepStatus,
    counts: { attempts?: number; hintsUsed?: number }
  ): void {
    const previous = this._current();
    this._storeProgress(this._tutorial as ITutorial, this.step!.id, status, {
      attempts: counts.attempts ?? previous?.attempts ?? 0,
      hintsUsed: counts.hintsUsed ?? previous?.hintsUsed ?? 0,
      // Once passed, a step keeps its first-pass time; a later failure is still recorded.
      firstPassedAt: previous?.firstPassedAt ?? null
    });
  }

  /** Saves one step's progress locally and queues it for the service. */
  private _storeProgress(
    tutorial: ITutorial,
    stepId: string,
    status: StepStatus,
    counts: {
      attempts: number;
      hintsUsed: number;
      firstPassedAt: string | null;
    }
  ): void {
    const now = this._now().toISOString();
    const firstPassedAt =
      counts.firstPassedAt ?? (status === 'passed' ? now : null);
    const next: IProgress = {
      tutorialId: tutorial.id,
      version: tutorial.version,
      stepId,
      status,
      attempts: counts.attempts,
      hintsUsed: counts.hintsUsed,
      firstPassedAt,
      updatedAt: now
    };
    this._progress[Private.key(tutorial.id, tutorial.version, stepId)] = next;
    this._write('progress', this._progress);
    this._outbox.add({
      tutorialId: next.tutorialId,
      version: next.version,
      stepId: next.stepId,
      body: {
        status: next.status,
        attempts: next.attempts,
        hintsUsed: next.hintsUsed,
        clientTime: now,
        ...(status === 'passed' ? { passedAt: firstPassedAt ?? now } : {})
      }
    });
    this._changed.emit();
  }

  private async _send(entry: IOutboxEntry): Promise<SendOutcome> {
    const path = [
      'api/training/progress',
      entry.tutorialId,
      entry.version,
      entry.stepId
    ]
      .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
      .join('/');
    try {
      await this._client.request(path, {
        method: 'PUT',
        headers: { 'Idempotency-Key': entry.key },
        body: entry.body
      });
      return 'sent';
    } catch (error) {
      const status = (error as { status?: number }).status ?? 0;
      // 4xx other than these will never succeed (e.g. a step the service no longer has).
      const retryable =
        status === 0 || status >= 500 || [401, 403, 408, 429].includes(status);
      return retryable ? 'retry' : 'drop';
    }
  }

  private _read<T>(name: string, fallback: T): T {
    return readJson(this._store, this._prefix + name, fallback);
  }

  private _write(name: string, value: unknown): void {
    // Storage full or blocked: progress still goes to the service through memory.
    writeJson(this._store, this._prefix + name, value);
  }

  private _client: ICatalystClient;
  private _env: ICheckEnvironment;
  private _store: IKeyValueStore;
  private _uiLanguage: string;
  private _bundled: ITutorial[];
  private _runCommand: (
    id: string,
    args: Record<string, unknown>
  ) => Promise<unknown>;
  private _now: () => Date;
  private _prefix: string;
  private _outbox: Outbox;
  private _progress: Record<string, IProgress>;
  private _catalogue: ITutorialSummary[] = [];
  private _source: CatalogueSource = 'loading';
  private _tutorial: ITutorial | null = null;
  private _stepIndex = 0;
  private _language = 'en';
  private _missingLanguage: string | null = null;
  private _hintsShown = 0;
  private _checking = false;
  private _cohort: ICohortProgress[] | null = null;
  private _helpRequests: IHelpRequest[] | null = null;
  private _helpState: HelpState = 'idle';
  private _helpKey: string | null = null;
  private _solutionShown = false;
  private _highlight: (target: string) => boolean;
  private _lastResult: ICheckResult | null = null;
  private _changed = new Signal<this, void>(this);
}

/** The static namespace of TrainingModel. */
export namespace TrainingModel {
  /** Construction options. */
  export interface IOptions {
    client: ICatalystClient;
    environment: ICheckEnvironment;
    store: IKeyValueStore;
    /** The hub user: progress in storage is kept per user. */
    user: string;
    /** JupyterLab's UI language, e.g. `es-ES`. */
    uiLanguage: string;
    /** The extension's own copy of the shipped tutorials. */
    bundled: ITutorial[];
    runCommand: (id: string, args: Record<string, unknown>) => Promise<unknown>;
    /** Highlights a step's target (a widget id, or `cell:<id>`); false when not found. */
    highlight?: (target: string) => boolean;
    now?: () => Date;
    outbox?: Partial<Omit<Outbox.IOptions, 'store' | 'storageKey' | 'send'>>;
  }
}

namespace Private {
  /** `es` of `es-ES`, `es_AR` or `ES`. */
  export function baseLanguage(code: string): string {
    return code.toLowerCase().split(/[-_]/)[0] || 'en';
  }

  /** A random Idempotency-Key for a help request. */
  export function helpKey(): string {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return `h-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
  }

  /** The storage key of one step's progress. */
  export function key(
    tutorialId: string,
    version: string,
    stepId: string
  ): string {
    return `${tutorialId}|${version}|${stepId}`;
  }

  /** A catalogue entry for a bundled tutorial. */
  export function summary(tutorial: ITutorial): ITutorialSummary {
    return {
      id: tutorial.id,
      version: tutorial.version,
      title: tutorial.title,
      languages: tutorial.languages,
      minutes: tutorial.minutes,
      audience: tutorial.audience,
      stepIds: tutorial.steps.map(step => step.id)
    };
  }

  /** The status to keep when only counts change. */
  export function status(progress: IProgress | null): StepStatus {
    return progress?.status ?? 'started';
  }

  /** Local and remote progress of one step: newest change wins, earliest pass kept. */
  export function merge(
    local: IProgress | undefined,
    remote: IProgress
  ): IProgress {
    if (!local) {
      return remote;
    }
    const newest =
      Date.parse(remote.updatedAt) >= Date.parse(local.updatedAt)
        ? remote
        : local;
    const passes = [local.firstPassedAt, remote.firstPassedAt].filter(
      (at): at is string => !!at
    );
    return {
      ...newest,
      attempts: Math.max(local.attempts, remote.attempts),
      hintsUsed: Math.max(local.hintsUsed, remote.hintsUsed),
      firstPassedAt: passes.length
        ? new Date(Math.min(...passes.map(at => Date.parse(at)))).toISOString()
        : null
    };
  }
}
