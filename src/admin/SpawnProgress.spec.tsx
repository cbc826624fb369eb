import { nullTranslator } from '@jupyterlab/translation';
import { framePromise } from '@jupyterlab/testing';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import type { AdminApi, ISpawnProgress } from '../api/admin';
import { takeProgressEvents } from './progressEvents';
import { SpawnProgress } from './SpawnProgress';

const trans = nullTranslator.load('jupyterlab_catalyst');

/** Waits until `check` holds, a frame at a time. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await framePromise();
  }
  expect(check()).toBe(true);
}

const event = (progress: number, message: string, more = {}) =>
  `data: ${JSON.stringify({ progress, message, ...more })}\n\n`;

/** An event stream whose chunks the test releases one at a time. */
function controlledStream() {
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let reads = 0;
  return {
    push(chunk: string) {
      queue.push(chunk);
      wake?.();
    },
    get reads() {
      return reads;
    },
    iterable: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          while (!queue.length) {
            await new Promise<void>(resolve => (wake = resolve));
          }
          reads++;
          yield queue.shift() as string;
        }
      }
    }
  };
}

function mount(api: Partial<AdminApi>): { widget: Widget; bar: () => string } {
  const widget = ReactWidget.create(
    <SpawnProgress api={api as AdminApi} user="bea" server="" trans={trans} />
  );
  Widget.attach(widget, document.body);
  return {
    widget,
    bar: () => {
      const node = widget.node.querySelector('.jp-Catalyst-admin-spawn');
      const value = node?.querySelector('progress')?.getAttribute('value');
      return node ? `${value} ${node.textContent}` : '';
    }
  };
}

describe('SpawnProgress', () => {
  it('follows the service’s event stream as events arrive, without polling', async () => {
    const stream = controlledStream();
    const api = {
      spawnProgressStream: jest.fn(() => stream.iterable),
      spawnProgress: jest.fn()
    };
    const { widget, bar } = mount(api);
    try {
      await until(() => api.spawnProgressStream.mock.calls.length > 0);
      expect(api.spawnProgressStream).toHaveBeenCalledWith(
        'bea',
        '',
        expect.any(AbortSignal)
      );
      stream.push(event(10, 'Pulling the image'));
      await until(() => bar() === '10 Pulling the image');
      // An event cut across two chunks shows once it is complete.
      const next = event(60, 'Starting the container');
      stream.push(next.slice(0, 20));
      await until(() => stream.reads === 2);
      expect(bar()).toBe('10 Pulling the image');
      stream.push(next.slice(20));
      await until(() => bar() === '60 Starting the container');
      stream.push(event(100, 'Server ready', { ready: true }));
      await until(() => bar() === '100 Server ready');
      expect(api.spawnProgress).not.toHaveBeenCalled();
    } finally {
      widget.dispose();
    }
  });

  it('stops reading the stream when the row goes away', async () => {
    const stream = controlledStream();
    let signal: AbortSignal | null = null;
    const api = {
      spawnProgressStream: jest.fn(
        (_u: string, _s: string, abort: AbortSignal) => {
          signal = abort;
          return stream.iterable;
        }
      ),
      spawnProgress: jest.fn()
    };
    const { widget } = mount(api);
    await until(() => signal !== null);
    widget.dispose();
    expect((signal as unknown as AbortSignal).aborted).toBe(true);
  });

  it('falls back to reading the latest event every second when the stream cannot be opened', async () => {
    const answers: ISpawnProgress[] = [
      { progress: 30, message: 'Spawning', ready: false, failed: false },
      { progress: 100, message: 'Ready', ready: true, failed: false }
    ];
    const api = {
      spawnProgressStream: jest.fn(() => ({
        // eslint-disable-next-line require-yield
        async *[Symbol.asyncIterator](): AsyncGenerator<string> {
          throw new Error('502 from a proxy that does not stream');
        }
      })),
      spawnProgress: jest.fn(async () => answers.shift() as ISpawnProgress)
    };
    jest.useFakeTimers({ doNotFake: ['requestAnimationFrame'] });
    const { widget, bar } = mount(api);
    try {
      await until(() => bar() === '30 Spawning');
      expect(api.spawnProgress).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(1000);
      await until(() => bar() === '100 Ready');
      jest.advanceTimersByTime(5000);
      expect(api.spawnProgress).toHaveBeenCalledTimes(2);
    } finally {
      widget.dispose();
      jest.useRealTimers();
    }
  });

  it('polls when the client cannot open streams', async () => {
    const api = {
      spawnProgressStream: jest.fn(() => null),
      spawnProgress: jest.fn(async () => ({
        progress: 100,
        message: 'Ready',
        ready: true,
        failed: false
      }))
    };
    const { widget, bar } = mount(api);
    try {
      await until(() => bar() === '100 Ready');
    } finally {
      widget.dispose();
    }
  });
});

describe('takeProgressEvents', () => {
  it('keeps an unfinished event for the next chunk and skips keep-alive comments', () => {
    const first = takeProgressEvents(
      `: keepalive\n\n${event(5, 'a')}data: {"progress": 9`
    );
    expect(first.events).toEqual([
      { progress: 5, message: 'a', ready: false, failed: false }
    ]);
    expect(first.rest).toBe('data: {"progress": 9');
    const second = takeProgressEvents(
      `${first.rest}, "message": "b", "failed": true}\r\n\r\n`
    );
    expect(second.events).toEqual([
      { progress: 9, message: 'b', ready: false, failed: true }
    ]);
    expect(second.rest).toBe('');
  });
});
