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
import type { ReportService } from '../../../src/org-index/report';
import type { ReportSummary } from '../../../src/report/summary';
import { WebexApiError } from '../../../src/webex/errors';
import { HOME_ORG, OTHER_ORG } from '../access/ids';

type Listener = (bot: Framework.Bot, trigger: Framework.Trigger) => void;

/** The framework as the handlers see it: listeners, the bot's identity, and the spaces' posts. */
function fakeFramework() {
  const listeners = new Map<string, Listener>();
  const direct: Array<{ toPersonId?: string; markdown?: string }> = [];
  const framework = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    person: { id: 'P-bot', displayName: 'Transfer Bot' },
    webex: { messages: { create: async (m: { toPersonId?: string; markdown?: string }) => direct.push(m) } },
  } as unknown as Framework;
  return { framework, listeners, direct };
}

function setUp(options: { report?: ReportService; postFile?: (to: unknown, markdown: string, file: { name: string }) => Promise<unknown>; members?: Array<{ personId: string; personOrgId: string }> } = {}) {
  const { framework, listeners, direct } = fakeFramework();
  const logs = captureLogs();
  const work: Promise<unknown>[] = [];
  const requests: Array<AccessRequest['command']> = [];
  const audited: AuditEntry[] = [];
  const guard = new AccessGuard({
    policy: new AccessPolicy({ homeOrgId: HOME_ORG }),
    limiter: new RequesterRateLimiter({ limit: 5, store: new MemoryRateLimitStore() }),
    membership: new SpaceMembership({ listMembers: async () => (options.members ?? []) as never, selfPersonId: () => 'P-bot' }),
  });
  const admit = guard.admit.bind(guard);
  guard.admit = (request) => {
    requests.push(request.command);
    return admit(request);
  };
  const audit = { record: (entry: AuditEntry) => audited.push(entry) } as unknown as AuditLog;
  registerHandlers({
    framework,
    runner: new CommandRunner({ lookup: {} as LookupService, report: options.report, logger: logs.logger }),
    logger: logs.logger,
    track: (p) => work.push(p),
    commandTimeoutMs: 5_000,
    access: () => ({ guard, audit }),
    postFile: options.postFile,
  });
  const said: string[] = [];
  const group = options.members !== undefined;
  const bot = { say: async (m: { markdown?: string }) => said.push(m.markdown ?? ''), room: { id: 'R1', type: group ? 'group' : 'direct' }, isGroup: group } as unknown as Framework.Bot;
  const send = async (text: string, person: { id: string; email: string; orgId: string }) => {
    const trigger = { message: { text }, personId: person.id, person: { ...person, emails: [person.email], displayName: 'Someone' } };
    listeners.get('message')?.(bot, trigger as unknown as Framework.Trigger);
    await Promise.all(work);
  };
  return { send, said, requests, audited, logs, direct };
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

describe('bot/handlers: a report', () => {
  const summary: ReportSummary = { builtAt: new Date('2026-12-03T09:10:00Z'), complete: true, people: 2, workspaces: 1, customNumbers: 2, followLocation: 1, unreadable: 0, partlyUnreadable: 0, findings: [] };
  const reports = { report: async () => ({ kind: 'report', summary, file: { name: 'transfer-numbers.csv', contentType: 'text/csv', bytes: Buffer.from('Name\r\n') } }) } as unknown as ReportService;
  const agent = { id: 'P-agent', email: 'agent@example.com', orgId: HOME_ORG };

  it('posts the card, then the CSV to the same space, and audits it', async () => {
    const files: unknown[] = [];
    const { send, said, audited } = setUp({ report: reports, postFile: async (to, markdown, file) => files.push([to, markdown.split(':')[0], file.name]) });
    await send('transfer numbers report', agent);
    assert.match(said[0], /^\*\*Transfer numbers report\*\*/);
    assert.deepEqual(files, [[{ roomId: 'R1' }, 'Transfer numbers report', 'transfer-numbers.csv']]);
    assert.deepEqual(audited.map((a) => [a.outcome, a.delivery, a.report]), [['report', 'space', { rows: 3, fileDelivered: true }]]);
  });

  it('in a space with an outsider, sends card and file privately, and a failed file is told privately too', async () => {
    const refused = new WebexApiError({ status: 400, message: 'The file is too large', trackingId: 'T-400' });
    const files: unknown[] = [];
    const members = [
      { personId: 'P-agent', personOrgId: HOME_ORG },
      { personId: 'P-eve', personOrgId: OTHER_ORG },
    ];
    const { send, said, direct, audited } = setUp({ report: reports, members, postFile: async (to) => (files.push(to), Promise.reject(refused)) });
    await send('transfer numbers report', agent);
    assert.deepEqual(files, [{ toPersonId: 'P-agent' }]);
    assert.deepEqual(direct.map((m) => [m.toPersonId, (m.markdown ?? '').split('\n')[0]]), [
      ['P-agent', '**Transfer numbers report**'],
      ['P-agent', '**The CSV file could not be posted**'],
    ]);
    assert.equal(said.length, 1);
    assert.doesNotMatch(said[0], /went wrong|internal/i, 'the space hears where the answer went, not an error');
    assert.deepEqual(audited.map((a) => [a.delivery, a.report]), [['private', { rows: 3, fileDelivered: false }]]);
  });

  it('says why the file is missing when Webex refuses it, after the card, and logs it', async () => {
    const refused = new WebexApiError({ status: 400, message: 'The file is too large', trackingId: 'T-400' });
    const { send, said, logs } = setUp({ report: reports, postFile: async () => Promise.reject(refused) });
    await send('transfer numbers report', agent);
    assert.equal(said.length, 2);
    assert.match(said[0], /^\*\*Transfer numbers report\*\*/);
    assert.match(said[1], /^\*\*The CSV file could not be posted\*\*\n\nWebex said my request was not valid \(HTTP 400\)\./);
    assert.match(said[1], /Tracking ID: T-400$/);
    assert.ok(logs.lines().some((l) => l.msg === 'report.file_failed'));
  });
});
