import { strict as assert } from 'node:assert';
import { parseRetryAfter } from '../../../src/webex/retry-after';

describe('webex/retry-after parseRetryAfter', () => {
  const now = Date.parse('2026-01-02T03:04:05Z');

  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('1.2', now), 2);
  });

  it('reads an HTTP date as seconds from now, rounded up', () => {
    assert.equal(parseRetryAfter('Fri, 02 Jan 2026 03:04:35 GMT', now), 30);
    assert.equal(parseRetryAfter('Fri, 02 Jan 2026 03:04:35 GMT', now + 500), 30);
  });

  it('never goes negative for a date in the past', () => {
    assert.equal(parseRetryAfter('Fri, 02 Jan 2026 03:00:00 GMT', now), 0);
  });

  it('is undefined when missing or unreadable', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
  });
});
