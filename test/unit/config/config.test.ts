import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

const SECRET = 'a-webhook-secret-of-some-length';
const ORG_A = Buffer.from('ciscospark://us/ORGANIZATION/1eb65fdf-9643-417f-9974-ad72cae0e10f').toString('base64').replace(/=+$/, '');
const UUID_B = '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01';

describe('config/loadConfig', () => {
  it('runs the sandbox when no Webex credentials are set', () => {
    const c = loadConfig({});
    assert.equal(c.mode, 'sandbox');
    assert.equal(c.port, 3000);
    assert.equal(c.webex, undefined);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.limits.lookupsPerMinute, 30);
    assert.equal(c.limits.peopleCacheTtlMs, 600_000);
  });

  it('runs for real with both tokens, defaulting the API URL to webexapis.com', () => {
    const c = loadConfig({ WEBEX_BOT_TOKEN: 'bot', WEBEX_ADMIN_TOKEN: 'admin', PORT: '8080' });
    assert.equal(c.mode, 'real');
    assert.deepEqual(c.webex, { apiUrl: 'https://webexapis.com/v1', botToken: 'bot', admin: { kind: 'token', token: 'admin' } });
    assert.equal(c.port, 8080);
    assert.equal(c.webhook, undefined);
  });

  it('takes WEBEX_API_URL without a trailing slash and webhook settings', () => {
    const c = loadConfig({
      WEBEX_BOT_TOKEN: 'bot',
      WEBEX_ADMIN_TOKEN: 'admin',
      WEBEX_API_URL: 'http://127.0.0.1:9999/v1/',
      WEBHOOK_URL: 'https://bot.example.com/hooks/webex',
      WEBHOOK_SECRET: SECRET,
    });
    assert.equal(c.webex?.apiUrl, 'http://127.0.0.1:9999/v1');
    assert.deepEqual(c.webhook, { url: 'https://bot.example.com/hooks/webex', secret: SECRET });
  });

  it('refuses a bot token without an admin token instead of falling back to the sandbox', () => {
    assert.deepEqual(problemsOf({ WEBEX_BOT_TOKEN: 'bot' }), [
      'WEBEX_ADMIN_TOKEN: required when WEBEX_BOT_TOKEN is set (or set WEBEX_ADMIN_CLIENT_ID, WEBEX_ADMIN_CLIENT_SECRET and WEBEX_ADMIN_REFRESH_TOKEN)',
    ]);
  });

  it('refuses an admin token without a bot token', () => {
    assert.deepEqual(problemsOf({ WEBEX_ADMIN_TOKEN: 'admin' }), [
      'WEBEX_BOT_TOKEN: required when an admin token is set (the bot needs its own token)',
    ]);
  });

  it('requires a webhook secret with a webhook URL', () => {
    assert.deepEqual(problemsOf({ WEBEX_BOT_TOKEN: 'b', WEBEX_ADMIN_TOKEN: 'a', WEBHOOK_URL: 'https://x.example.com/h' }), [
      'WEBHOOK_SECRET: required when WEBHOOK_URL is set (webhooks are verified with it)',
    ]);
    assert.deepEqual(problemsOf({ WEBEX_BOT_TOKEN: 'b', WEBEX_ADMIN_TOKEN: 'a', WEBHOOK_URL: 'https://x.example.com/h', WEBHOOK_SECRET: 'short' }), [
      'WEBHOOK_SECRET: must be at least 16 characters long',
    ]);
  });

  it('refuses a webhook URL with no tokens', () => {
    assert.deepEqual(problemsOf({ WEBHOOK_URL: 'https://x.example.com/h', WEBHOOK_SECRET: SECRET }), [
      'WEBEX_BOT_TOKEN: required when WEBHOOK_URL is set (unset WEBHOOK_URL to try the built-in sandbox)',
    ]);
  });

  it('names every invalid variable on its own line', () => {
    const problems = problemsOf({ PORT: 'eighty', WEBEX_API_URL: 'ftp://nope', LOG_LEVEL: 'loud', RATE_LIMIT_PER_MINUTE: '0' });
    assert.deepEqual(problems, [
      'PORT: must be a whole number from 0 to 65535 (got "eighty")',
      'WEBEX_API_URL: must be an http(s) URL such as https://webexapis.com/v1',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'RATE_LIMIT_PER_MINUTE: must be a whole number from 1 to 10000 (got "0")',
    ]);
  });

  it('reads the access lists as trimmed, lower-cased comma lists', () => {
    const c = loadConfig({ ALLOWED_DOMAINS: ' Example.com, @partner.net ,', ALLOWED_EMAILS: 'Ann@X.com', ALLOWED_ORG_IDS: `${ORG_A}, ${UUID_B}` });
    assert.deepEqual(c.access, { allowedOrgIds: [ORG_A, UUID_B], allowedDomains: ['example.com', 'partner.net'], allowedEmails: ['ann@x.com'] });
  });

  it('refuses organization IDs that are not organization IDs, or longer than 128 characters', () => {
    const long = Buffer.from(`ciscospark://us/ORGANIZATION/${'1'.repeat(100)}`).toString('base64');
    assert.throws(
      () => loadConfig({ DEFAULT_ORG_ID: '../../people/me', ALLOWED_TARGET_ORG_IDS: `${ORG_A},${long}`, ALLOWED_ORG_IDS: 'O1' }),
      (err: Error & { problems?: string[] }) => {
        assert.deepEqual(err.problems, [
          'ALLOWED_ORG_IDS: "O1" is not an organization ID (a UUID, or the base64 ID Webex gives, at most 128 characters)',
          'DEFAULT_ORG_ID: must be an organization ID (a UUID, or the base64 ID Webex gives, at most 128 characters)',
          `ALLOWED_TARGET_ORG_IDS: "${long.slice(0, 40)}" is not an organization ID (a UUID, or the base64 ID Webex gives, at most 128 characters)`,
        ]);
        return true;
      },
    );
  });

  it('treats empty values as unset', () => {
    const c = loadConfig({ WEBEX_BOT_TOKEN: '', WEBEX_ADMIN_TOKEN: '  ', PORT: '' });
    assert.equal(c.mode, 'sandbox');
    assert.equal(c.port, 3000);
  });
});
