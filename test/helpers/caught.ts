// The WebexApiError a promise rejects with; fails the test when it resolves or rejects with anything else.
import { strict as assert } from 'node:assert';
import { WebexApiError } from '../../src/webex/errors';

export function caught(promise: Promise<unknown>): Promise<WebexApiError> {
  return promise.then(
    () => assert.fail('expected a WebexApiError'),
    (err: unknown) => {
      assert.ok(err instanceof WebexApiError, `not a WebexApiError: ${String(err)}`);
      return err;
    },
  );
}
