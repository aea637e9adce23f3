import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditEntry } from '../../../src/access/audit';
import { captureLogs } from '../../helpers/logs';

const NOW = Date.parse('2026-03-02T09:15:30.250Z');

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    commandId: 'c0ffee01',
    requester: { id: 'P-agent', email: 'agent@example.com' },
    space: { id: 'R-help', type: 'group' },
    asked: 'transfer numbers for alice@example.com',
    source: 'message',
    resolvedPersonId: 'P-alice',
    outcome: 'found',
    trackingId: 'ROUTER_6543',
    ...overrides,
  };
}

const EXPECTED_LINE = {
  time: '2026-03-02T09:15:30.250Z',
  commandId: 'c0ffee01',
  requester: { id: 'P-agent', email: 'agent@example.com' },
  space: { id: 'R-help', type: 'group' },
  source: 'message',
  asked: 'transfer numbers for alice@example.com',
  outcome: 'found',
  resolvedPersonId: 'P-alice',
  trackingId: 'ROUTER_6543',
};

/** Waits (without asserting on time) until the stream has reported back; gives up after many turns. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('access/AuditLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one "audit" log line with every field and the time', () => {
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, now: () => NOW });
    const line = audit.record(entry());
    assert.deepEqual(line, EXPECTED_LINE);
    const written = logs.lines();
    assert.equal(written.length, 1);
    assert.equal(written[0].msg, 'audit');
    assert.equal(written[0].level, 'info');
    assert.deepEqual(written[0].audit, EXPECTED_LINE);
  });

  it('leaves out optional fields that are absent and keeps refusal details', () => {
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, now: () => NOW });
    const line = audit.record({
      commandId: 'c2',
      requester: { id: 'P-eve', email: 'eve@evil.example' },
      space: { id: 'R-1', type: 'direct' },
      asked: 'card: action=pick personId=P-alice',
      source: 'card',
      outcome: 'refused.notAllowed',
      reason: 'otherOrg',
    });
    assert.deepEqual(line, {
      time: '2026-03-02T09:15:30.250Z',
      commandId: 'c2',
      requester: { id: 'P-eve', email: 'eve@evil.example' },
      space: { id: 'R-1', type: 'direct' },
      source: 'card',
      asked: 'card: action=pick personId=P-alice',
      outcome: 'refused.notAllowed',
      reason: 'otherOrg',
    });
  });

  it('never writes fields it does not know, such as a token a caller left on the object', () => {
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, now: () => NOW });
    const sloppy = { ...entry(), token: 'SECRET-TOKEN-VALUE', requester: { id: 'P-agent', email: 'agent@example.com', accessToken: 'SECRET-2' } };
    audit.record(sloppy as AuditEntry);
    assert.ok(!logs.text().includes('SECRET'), logs.text());
    assert.deepEqual(logs.lines()[0].audit, EXPECTED_LINE);
  });

  it("keeps an edit's step, target, before and after, and nothing else it was given", () => {
    const logs = captureLogs('info');
    const log = new AuditLog({ logger: logs.logger, now: () => NOW });
    const state = (n: string | null) => ({ useCustomTransferNumbers: true, numbers: ['+12055550101', n, null] as [string | null, string | null, string | null] });
    log.record(
      entry({
        outcome: 'edit.written',
        edit: { step: 'write', editId: 'E1', targetId: 'P-alice', targetKind: 'person', before: state(null), after: { ...state('+12055550102'), token: 'secret' } as never },
      }),
    );
    const line = logs.lines()[0].audit as Record<string, unknown>;
    assert.deepEqual(line.edit, { step: 'write', editId: 'E1', targetId: 'P-alice', targetKind: 'person', before: state(null), after: state('+12055550102') });
  });

  it('lists several resolved people, keeping the first hundred', () => {
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, now: () => NOW });
    const ids = Array.from({ length: 120 }, (_, i) => `P-${i}`);
    const line = audit.record(entry({ outcome: 'reverse', resolvedPersonId: undefined, resolvedPersonIds: ids }));
    assert.deepEqual(line.resolvedPersonIds, ids.slice(0, 100));
    assert.equal(line.resolvedPersonId, undefined);
  });

  it('caps what was asked at 500 characters', () => {
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, now: () => NOW });
    const line = audit.record(entry({ asked: `transfer numbers for ${'a'.repeat(2000)}` }));
    assert.equal(line.asked, `transfer numbers for ${'a'.repeat(479)}…`);
  });

  it('appends the same JSON lines to AUDIT_LOG_FILE, keeping what was there, readable by the owner only', async () => {
    const path = join(dir, 'audit.log');
    writeFileSync(path, '{"earlier":true}\n', { mode: 0o600 });
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, filePath: path, now: () => NOW });
    const first = audit.record(entry());
    const second = audit.record(entry({ commandId: 'c3', outcome: 'refused.rateLimited', resolvedPersonId: undefined, trackingId: undefined }));
    await audit.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    assert.deepEqual(lines, ['{"earlier":true}', JSON.stringify(first), JSON.stringify(second), '']);
    assert.deepEqual(JSON.parse(lines[1]), EXPECTED_LINE);
    assert.deepEqual(logs.lines().map((l) => l.audit), [first, second]);
  });

  it('creates the file with mode 0600', async function () {
    if (process.platform === 'win32') this.skip();
    const path = join(dir, 'new-audit.log');
    const audit = new AuditLog({ logger: captureLogs('info').logger, filePath: path, now: () => NOW });
    audit.record(entry());
    await audit.close();
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('narrows an existing file that others could read to 0600, and says so once', async function () {
    if (process.platform === 'win32') this.skip();
    const path = join(dir, 'loose-audit.log');
    writeFileSync(path, '{"earlier":true}\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, filePath: path, now: () => NOW });
    audit.record(entry());
    await audit.close();
    assert.equal((statSync(path).mode & 0o777).toString(8), '600');
    assert.deepEqual(
      logs.lines().filter((l) => String(l.msg).startsWith('audit.file_mode')).map((l) => [l.msg, l.was]),
      [['audit.file_mode_tightened: AUDIT_LOG_FILE was readable by others; it is now 0600', '644']],
    );
  });

  it('refuses a symbolic link as AUDIT_LOG_FILE: the lines go to the log only, and the target is left alone', async function () {
    if (process.platform === 'win32') this.skip();
    const target = join(dir, 'elsewhere.log');
    writeFileSync(target, '', { mode: 0o644 });
    chmodSync(target, 0o644);
    const link = join(dir, 'audit-link.log');
    symlinkSync(target, link);
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, filePath: link, now: () => NOW });
    audit.record(entry());
    await audit.close();
    assert.equal(readFileSync(target, 'utf8'), '');
    assert.equal((statSync(target).mode & 0o777).toString(8), '644');
    assert.equal(logs.lines().filter((l) => l.msg === 'audit').length, 1);
    assert.ok(logs.lines().some((l) => String(l.msg).startsWith('audit.file_refused: AUDIT_LOG_FILE is a symbolic link')));
  });

  it('keeps answering and logging when the file cannot be written, reporting it once', async () => {
    const path = join(dir, 'missing-folder', 'audit.log');
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, filePath: path, now: () => NOW });
    audit.record(entry());
    await eventually(() => logs.lines().some((l) => l.msg === 'audit.file_failed'));
    audit.record(entry({ commandId: 'c4' }));
    audit.record(entry({ commandId: 'c5' }));
    await audit.close();
    const lines = logs.lines();
    const failures = lines.filter((l) => l.msg === 'audit.file_failed');
    assert.equal(failures.length, 1);
    assert.equal(failures[0].level, 'error');
    assert.equal((failures[0].err as { code?: string }).code, 'ENOENT');
    assert.deepEqual(
      lines.filter((l) => l.msg === 'audit').map((l) => (l.audit as { commandId: string }).commandId),
      ['c0ffee01', 'c4', 'c5'],
    );
  });

  it('logs only to the logger after close()', async () => {
    const path = join(dir, 'audit.log');
    const logs = captureLogs('info');
    const audit = new AuditLog({ logger: logs.logger, filePath: path, now: () => NOW });
    audit.record(entry());
    await audit.close();
    audit.record(entry({ commandId: 'after' }));
    assert.equal(readFileSync(path, 'utf8').split('\n').filter(Boolean).length, 1);
    assert.equal(logs.lines().filter((l) => l.msg === 'audit').length, 2);
  });
});
