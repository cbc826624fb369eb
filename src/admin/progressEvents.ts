/** Reading the hub's spawn-progress event stream: `data:` lines holding its JSON events. */
import type { ISpawnProgress } from '../api/admin';

/** The events complete in `buffer`, and the unfinished rest to keep for the next chunk. */
export function takeProgressEvents(buffer: string): {
  events: ISpawnProgress[];
  rest: string;
} {
  const events: ISpawnProgress[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter(line => line.startsWith('data:'))
      .map(line => line.slice(5).trim())
      .join('\n');
    if (!data) {
      // A comment (keep-alive) or an event without data.
      continue;
    }
    try {
      const event = JSON.parse(data) as Record<string, unknown>;
      events.push({
        progress: Number(event.progress) || 0,
        message: typeof event.message === 'string' ? event.message : '',
        ready: event.ready === true,
        failed: event.failed === true
      });
    } catch {
      // Not one of the hub's JSON events: nothing to show.
    }
  }
  return { events, rest };
}
