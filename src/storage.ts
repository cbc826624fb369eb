/** JSON values in browser storage, read and written without ever throwing. */

/** The part of `Storage` these helpers use. */
export interface IStringStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The value stored under `key`, or `fallback` when it is absent, unreadable or the store refuses. */
export function readJson<T>(store: IStringStore, key: string, fallback: T): T {
  try {
    const raw = store.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** Stores `value` under `key`; false when the store refused (full or blocked). */
export function writeJson(
  store: IStringStore,
  key: string,
  value: unknown
): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
