import { backoffDelay, isIdempotent, isRetryableStatus } from './retry';

const BACKOFF = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('jupyterlab-catalyst', () => {
  describe('backoffDelay', () => {
    it('should double the window at each attempt and cap it', () => {
      const upper = (attempt: number) =>
        backoffDelay(attempt, BACKOFF, () => 1);
      expect([0, 1, 2, 3, 4, 5].map(upper)).toEqual([
        100, 200, 400, 800, 1000, 1000
      ]);
    });

    it('should put the jitter in the upper half of the window', () => {
      expect(backoffDelay(2, BACKOFF, () => 0)).toBe(200);
      expect(backoffDelay(2, BACKOFF, () => 0.5)).toBe(300);
    });
  });

  describe('isIdempotent', () => {
    it('should accept GET and refuse a plain POST', () => {
      expect(isIdempotent('get', new Headers())).toBe(true);
      expect(isIdempotent('POST', new Headers())).toBe(false);
      expect(isIdempotent('DELETE', new Headers())).toBe(false);
    });

    it('should accept any method that carries an Idempotency-Key', () => {
      expect(
        isIdempotent('POST', new Headers({ 'Idempotency-Key': 'k' }))
      ).toBe(true);
    });
  });

  describe('isRetryableStatus', () => {
    it('should retry network errors and gateway or availability failures only', () => {
      expect([0, 502, 503, 504].every(isRetryableStatus)).toBe(true);
      expect([200, 400, 401, 404, 500].some(isRetryableStatus)).toBe(false);
    });
  });
});
