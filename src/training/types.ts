/** Shapes of compiled tutorials and progress, as the service serves them (server/src/modules/training). */

/** Text per language code. */
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
  | IHubCheck
  | { type: 'quiz'; question: LocalizedText; options: IQuizOption[] }
  | { type: 'self-report' }
  | { type: 'all' | 'any'; checks: Check[] };

/** A hub-state check, answered by the service through JupyterHub's API. */
export interface IHubCheck {
  type: 'hub';
  /** Whose state; the learner when absent. */
  user?: string;
  /** A named server; the default server when absent. */
  server?: string;
  exists?: boolean;
  running?: boolean;
  inGroup?: string;
  profile?: string;
}

/** The service's verdict on a hub check. */
export interface IHubCheckResult {
  passed: boolean;
  reason:
    | 'passed'
    | 'no-user'
    | 'user-exists'
    | 'not-in-group'
    | 'not-running'
    | 'running'
    | 'profile-differs';
  user: string;
  server?: string;
  group?: string;
  profile?: string | null;
}

/** One answer of a quiz. */
export interface IQuizOption {
  id: string;
  text: LocalizedText;
  correct?: boolean;
  feedback?: LocalizedText;
}

/** A "show me" action: a command to run. */
export interface IShowMe {
  command: string;
  args?: Record<string, unknown>;
}

/** One step of a tutorial. */
export interface IStep {
  id: string;
  title: LocalizedText;
  text: LocalizedText;
  hints: LocalizedText[];
  solution?: LocalizedText;
  showMe: IShowMe[];
  /** What "Show where" highlights: a widget id, or `cell:<cell id>`. */
  highlight?: string;
  check: Check;
}

/** A compiled tutorial. */
export interface ITutorial {
  id: string;
  version: string;
  title: LocalizedText;
  languages: string[];
  kernels: string[];
  objectives: Record<string, string[]>;
  minutes: number;
  prerequisites: string[];
  audience: string;
  source: string;
  steps: IStep[];
  /** On a new version: the steps whose text and check did not change, so their passes carry over. */
  carriesFrom?: { version: string; steps: string[] };
}

/** Where a learner is on a step. */
export type StepStatus = 'started' | 'failed' | 'passed';

/** One step's progress. */
export interface IProgress {
  tutorialId: string;
  version: string;
  stepId: string;
  status: StepStatus;
  attempts: number;
  hintsUsed: number;
  firstPassedAt: string | null;
  /** The client time of the newest change. */
  updatedAt: string;
}
