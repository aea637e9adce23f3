// A root hook of the integration suite (package.json loads it with --require): after every file has
// run, every log line the bots wrote, at debug level, must be free of the tokens and secrets they
// were given. Failing here fails the run.
import { strict as assert } from 'node:assert';
import { SEED_EMAILS } from '../../sandbox/emulator';
import { allCapturedLogs } from '../helpers/logs';
import { sharedEmulator, TEST_WEBHOOK_SECRET } from './harness';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    const emulator = await sharedEmulator();
    const secrets = [
      emulator.tokens.bot,
      emulator.tokens.admin,
      emulator.tokens.user(SEED_EMAILS.agent),
      emulator.tokens.user(SEED_EMAILS.colleague),
      TEST_WEBHOOK_SECRET,
    ];
    const text = allCapturedLogs.join('');
    assert.ok(text.length > 10_000, `log hygiene: the run produced logs to check (${text.length} bytes)`);
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `log hygiene: a log line contains ${secret.slice(0, 6)}…`);
    }
    assert.ok(!/Bearer\s+\S/.test(text), 'log hygiene: no Authorization header value in the logs');
  },
};
