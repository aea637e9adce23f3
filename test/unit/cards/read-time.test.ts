import { strict as assert } from 'node:assert';
import { formatReadAt } from '../../../src/cards/read-time';

describe('cards/read-time formatReadAt', () => {
  it('gives hours and minutes in UTC, zero-padded', () => {
    assert.equal(formatReadAt(new Date('2024-05-01T04:07:59Z'), new Date('2024-05-01T05:00:00Z')), 'Read at 04:07 UTC');
    assert.equal(formatReadAt(new Date('2024-05-01T23:59:00+02:00'), new Date('2024-05-01T22:00:00Z')), 'Read at 21:59 UTC');
  });

  it('adds the UTC date when it was read on another day', () => {
    assert.equal(formatReadAt(new Date('2024-04-30T23:58:00Z'), new Date('2024-05-01T00:01:00Z')), 'Read at 23:58 UTC on 2024-04-30');
  });

  it('never prints "Invalid Date" or NaN', () => {
    assert.equal(formatReadAt(new Date('nope'), new Date()), 'Read time unknown');
    assert.equal(formatReadAt(undefined as unknown as Date, new Date()), 'Read time unknown');
    assert.equal(formatReadAt(new Date('2024-05-01T10:00:00Z'), new Date('nope')), 'Read at 10:00 UTC');
  });
});
