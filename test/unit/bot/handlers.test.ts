import { strict as assert } from 'node:assert';
import type Framework from 'webex-node-bot-framework';
import { registerHandlers } from '../../../src/bot/handlers';
import { CommandRunner } from '../../../src/bot/command-runner';
import { AccessGuard, type AccessRequest } from '../../../src/access/guard';
import { AccessPolicy } from '../../../src/access/policy';
import { RequesterRateLimiter } from '../../../src/access/rate-limiter';
import { SpaceMembership } from '../../../src/access/space-membership';
import { MemoryRateLimitStore } from '../../../src/store';
import type { AuditEntry, AuditLog } from '../../../src/access';
import type { LookupService } from '../../../src/lookup/service';
import { captureLogs } from '../../helpers/logs';
import { HOME_ORG, OTHER_ORG } from '../access/ids';

type Listener = (bot: Framework.Bot, trigger: Framework.Trigger) => void;

/** The framework as the handlers see it: listeners, the bot's identity, and the spaces' posts. */
function fakeFramework() {
  const listeners = new Map<string, Listener>();
  const framework = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    person: { id: 'P-bot', displayName: 'Transfer Bot' },
    webex: { messages: { create: async () => ({}) } },
  } as unknown as Framework;
  return { framework, listeners };
}

function setUp() {
  const { framework, listeners } = fakeFramework();
  const logs = captureLogs();
  const work: Promise<unknown>[] = [];
  const requests: Array<AccessRequest['command']> = [];
  const audited: AuditEntry[] = [];
  const guard = new AccessGuard({
    policy: new AccessPolicy({ homeOrgId: HOME_ORG }),
    limiter: new RequesterRateLimiter({ limit: 5, store: new MemoryRateLimitStore() }),
    membership: new SpaceMembership({ listMembers: async () => [], selfPersonId: () => 'P-bot' }),
  });
  const admit = guard.admit.bind(guard);
  guard.admit = (request) => {
    requests.push(request.command);
    return admit(request);
  };
  const audit = { record: (entry: AuditEntry) => audited.push(entry) } as unknown as AuditLog;
  registerHandlers({
    framework,
    runner: new CommandRunner({ lookup: {} as LookupService, logger: logs.logger }),
    logger: logs.logger,
    track: (p) => work.push(p),
    commandTimeoutMs: 5_000,
    access: () => ({ guard, audit }),
  });
  const said: string[] = [];
  const bot = { say: async (m: { markdown?: string }) => said.push(m.markdown ?? ''), room: { id: 'R1' }, isGroup: false } as unknown as Framework.Bot;
  const send = async (text: string, person: { id: string; email: string; orgId: string }) => {
    const trigger = { message: { text }, personId: person.id, person: { ...person, emails: [person.email], displayName: 'Someone' } };
    listeners.get('message')?.(bot, trigger as unknown as Framework.Trigger);
    await Promise.all(work);
  };
  return { send, said, requests, audited, logs };
}

describe('bot/handlers: the access check comes before the message is read', () => {
  it("refuses an outsider without parsing their text, and audits what they typed", async () => {
    const { send, said, requests, audited, logs } = setUp();
    const text = `transfer numbers for Alice <${'a@'.repeat(3_600)}`;
    await send(text, { id: 'P-eve', email: 'eve@evil.example', orgId: OTHER_ORG });
    assert.deepEqual(said, ['Sorry, I only answer people in the organization I serve.']);
    assert.equal(typeof requests[0], 'function', 'the guard decides when the command is read');
    assert.deepEqual(
      audited.map((a) => [a.outcome, a.asked]),
      [['refused.notAllowed', text]],
    );
    const sent = logs.lines().find((l) => l.msg === 'reply.sent');
    assert.ok(sent && !('command' in sent), 'nothing parsed, so no command is logged');
  });

  it('reads an allowed agent’s message once admitted and answers it', async () => {
    const { send, said, audited } = setUp();
    await send('help', { id: 'P-agent', email: 'agent@example.com', orgId: HOME_ORG });
    assert.equal(said.length, 1);
    assert.match(said[0], /transfer numbers for/i);
    assert.deepEqual(
      audited.map((a) => a.outcome),
      ['help'],
    );
  });
});
