import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectionError } from './connection-errors.js';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionError', () => {
  it('recognises network failures, shutdown states and lost connections', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      '57P01',
      '57P03',
      '08006',
      '08001'
    ]) {
      assert.ok(isConnectionError(withCode(code)), code);
    }
    assert.ok(
      isConnectionError(new Error('Connection terminated unexpectedly'))
    );
    assert.ok(
      isConnectionError(new Error('timeout exceeded when trying to connect'))
    );
    assert.ok(
      isConnectionError(
        new AggregateError([withCode('ECONNREFUSED')], 'connect')
      )
    );
  });

  it('leaves query errors and other failures alone', () => {
    assert.ok(!isConnectionError(withCode('23505', 'duplicate key')));
    assert.ok(!isConnectionError(withCode('42P01', 'relation does not exist')));
    assert.ok(!isConnectionError(new Error('boom')));
    assert.ok(!isConnectionError('ECONNREFUSED'));
  });
});
