import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { CommandRunner, type CommandContext } from '../../../src/bot/command-runner';
import type { LookupService } from '../../../src/lookup/service';
import type { ReportService } from '../../../src/org-index/report';
import { WebexApiError } from '../../../src/webex/errors';
import { captureLogs } from '../../helpers/logs';

function context(deadlineInMs: number): CommandContext {
  return {
    commandId: 'cmd1',
    deadline: Date.now() + deadlineInMs,
    requester: { id: 'P1', email: 'dana@example.com', displayName: 'Dana Desk', orgId: 'ORG' },
    room: { id: 'R1', type: 'direct' },
    source: 'message',
    botName: 'Transfer Bot',
  };
}

const alice = { kind: 'email' as const, email: 'alice@example.com' };

describe('bot/CommandRunner', () => {
  afterEach(() => sinon.restore());

  it('answers "did not answer in time" when the look-up outlasts the deadline', async () => {
    const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const lookup = { lookup: () => new Promise(() => undefined) } as unknown as LookupService;
    const runner = new CommandRunner({ lookup, logger: captureLogs().logger });
    const reply = runner.run({ kind: 'lookup', target: alice }, context(25_000));
    await clock.tickAsync(25_000);
    assert.deepEqual(await reply, { kind: 'timedOut' });
  });

  it('turns a bug into an internal-error reply with the command id, and tells the owner about a rejected admin token', async () => {
    const logs = captureLogs();
    const broken = { lookup: async () => Promise.reject(new TypeError('boom')) } as unknown as LookupService;
    const runner = new CommandRunner({ lookup: broken, logger: logs.logger });
    assert.deepEqual(await runner.run({ kind: 'lookup', target: alice }, context(5000)), { kind: 'internalError', reference: 'cmd1' });
    const logged = logs.lines().find((l) => l.msg === 'command.internal_error');
    assert.ok(logged, 'the bug is logged');
    assert.equal(logged.commandId, 'cmd1');
    assert.deepEqual([(logged.err as { name: string }).name, (logged.err as { message: string }).message], ['TypeError', 'boom']);

    const error = new WebexApiError({ status: 401, message: 'expired' });
    const rejecting = { lookup: async () => ({ kind: 'webexError', stage: 'settings', error, target: alice }) } as unknown as LookupService;
    const told: WebexApiError[] = [];
    const runner2 = new CommandRunner({ lookup: rejecting, logger: logs.logger, onAdminTokenRejected: (e) => told.push(e) });
    await runner2.run({ kind: 'lookup', target: alice }, context(5000));
    assert.deepEqual(told, [error]);
  });

  it('passes Refresh through as a fresh read, and answers help and invalid input without Webex', async () => {
    const lookup = { lookup: sinon.stub().resolves({ kind: 'notFound', target: alice }) };
    const runner = new CommandRunner({ lookup: lookup as unknown as LookupService, logger: captureLogs().logger });
    await runner.run({ kind: 'lookup', target: alice, fresh: true, orgId: 'CUST' }, context(5000));
    assert.equal(lookup.lookup.firstCall.args[1].fresh, true);
    assert.equal(lookup.lookup.firstCall.args[1].orgId, 'CUST');
    assert.deepEqual(await runner.run({ kind: 'help' }, context(5000)), { kind: 'help', botName: 'Transfer Bot' });
    assert.deepEqual(await runner.run({ kind: 'invalidTarget', input: 'x@', reason: 'malformed' }, context(5000)), {
      kind: 'invalidTarget',
      input: 'x@',
      reason: 'malformed',
      botName: 'Transfer Bot',
    });
    assert.equal(lookup.lookup.callCount, 1);
  });

  it('tells the agent the index is being built only while a build runs, not when a report is merely slow', async () => {
    const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const notes: unknown[] = [];
    const slowNoBuild = {
      report: () => new Promise((resolve) => setTimeout(() => resolve({ kind: 'location', asked: 'Mars', found: 'none', names: [], more: 0 }), 8_000)),
    } as unknown as ReportService;
    const building = {
      report: (_ask: unknown, call: { onProgress?: (p: unknown) => void }) =>
        new Promise((resolve) => {
          setTimeout(() => call.onProgress?.({ listed: 100, read: 10, listingDone: false }), 1_000);
          setTimeout(() => resolve({ kind: 'location', asked: 'Mars', found: 'none', names: [], more: 0 }), 8_000);
        }),
    } as unknown as ReportService;
    for (const [report, expected] of [
      [slowNoBuild, 0],
      [building, 1],
    ] as const) {
      notes.length = 0;
      const runner = new CommandRunner({ lookup: {} as LookupService, report, logger: captureLogs().logger, progressAfterMs: 3_000 });
      const ctx = { ...context(30_000), postInterim: async (note: unknown) => void notes.push(note) };
      const reply = runner.run({ kind: 'report', location: 'Mars' }, ctx);
      await clock.tickAsync(8_000);
      await reply;
      assert.equal(notes.length, expected);
    }
    assert.deepEqual(notes, [{ kind: 'scanning', progress: { listed: 100, read: 10, listingDone: false } }]);
  });
});
