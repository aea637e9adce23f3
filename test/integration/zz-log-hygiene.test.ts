// Runs last in the integration suite (files run in name order): every log line the bots wrote during
// the whole run, at debug level, must be free of the tokens and secrets they were given.
import { strict as assert } from 'node:assert';
import { SEED_EMAILS } from '../../src/sandbox/emulator';
import { allCapturedLogs } from '../helpers/logs';
import { sharedEmulator, TEST_WEBHOOK_SECRET } from './harness';

describe('integration: log hygiene over the whole run', () => {
  it('never logged a token or the webhook secret', async () => {
    const emulator = await sharedEmulator();
    const secrets = [
      emulator.tokens.bot,
      emulator.tokens.admin,
      emulator.tokens.user(SEED_EMAILS.agent),
      emulator.tokens.user(SEED_EMAILS.colleague),
      TEST_WEBHOOK_SECRET,
    ];
    const text = allCapturedLogs.join('');
    assert.ok(text.length > 10_000, `the run produced logs to check (${text.length} bytes)`);
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `a log line contains ${secret.slice(0, 6)}…`);
    }
    assert.ok(!/Bearer\s+\S/.test(text), 'no Authorization header value in the logs');
  });
});
