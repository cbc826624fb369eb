/** Browser storage in memory for tests; `failWrites` makes it refuse like a full store. */
import type { IStringStore } from '../storage';

export class MemoryStore implements IStringStore {
  data = new Map<string, string>();
  failWrites = false;

  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) {
      throw new Error('QuotaExceededError');
    }
    this.data.set(key, value);
  }
}
