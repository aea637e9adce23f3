import { strict as assert } from 'node:assert';
import { withDerived } from '../../../src/org-index/entry';
import type { IndexEntry, OrgIndexSnapshot } from '../../../src/org-index/types';
import { CSV_HEADER, neutralized, reportCsv } from '../../../src/report/csv';
import { reportFileName, summarizeReport } from '../../../src/report/summary';

function entry(overrides: Partial<IndexEntry> & Pick<IndexEntry, 'id' | 'name'>): IndexEntry {
  return withDerived({ kind: 'person', email: '', locationId: 'LOC-HQ', customNumbers: true, numbersFrom: 'own', numbers: [null, null, null], usage: [[], [], []], usageFrom: 'own', findings: [], ...overrides });
}

function snapshot(entries: IndexEntry[]): OrgIndexSnapshot {
  return {
    orgKey: 'org',
    startedAt: Date.parse('2026-12-03T09:00:00Z'),
    builtAt: Date.parse('2026-12-03T09:10:00Z'),
    complete: true,
    entries,
    locations: [
      { id: 'LOC-HQ', name: 'Birmingham HQ', numbers: ['+12055550100', null, null] },
      { id: 'LOC-LAB', name: '=Lab, "North"' },
    ],
  };
}

const ALICE = entry({ id: 'P-A', name: 'Alice Adams', email: 'alice@example.com', numbers: ['+1 205-555-3651', null, null], usage: [['INTERNATIONAL', 'PREMIUM_SERVICES_I'], [], []] });
const BOB = entry({ id: 'P-B', name: 'Bob "Bobby", Brown', email: 'bob@example.com', customNumbers: false, numbersFrom: 'location', numbers: ['+12055550100', null, null], usage: [['INTERNATIONAL'], [], []], usageFrom: 'location' });
const EVIL = entry({ id: 'P-E', name: '=HYPERLINK("http://evil.example","click")', email: '@evil', locationId: 'LOC-LAB', numbers: ['12', '+12055553652', null], usage: [['INTERNATIONAL'], [], ['NATIONAL']] });
const CAROL = entry({ id: 'P-C', name: 'Carol Cruz', email: 'carol@example.com' });
const LOBBY = entry({ id: 'W-L', name: 'Lobby Phone', kind: 'workspace', numbers: ['+12055550150', null, null], usage: undefined, error: { stage: 'permissions', error: { status: 403, message: 'Missing scope', trackingId: 'T-1' } } });
const GONE = entry({ id: 'P-G', name: 'Gail Gone', email: 'gail@example.com', customNumbers: undefined, numbersFrom: undefined, numbers: null, usage: undefined, error: { stage: 'numbers', error: { status: 503, message: 'Service unavailable', trackingId: 'T-2' } } });

describe('report/csv', () => {
  it('writes one row per entry under a header, quoting, numbers in E.164 and text neutralized against formulas', () => {
    const csv = reportCsv(snapshot([ALICE, BOB, EVIL, CAROL, LOBBY, GONE]), [ALICE, BOB, EVIL, CAROL, LOBBY, GONE]).toString('utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a byte order mark, so spreadsheets read UTF-8');
    assert.deepEqual(csv.slice(1).split('\r\n'), [
      CSV_HEADER.join(','),
      'Alice Adams,alice@example.com,person,Birmingham HQ,on,own,+12055553651,INTERNATIONAL; PREMIUM_SERVICES_I,,,,,,',
      '"Bob ""Bobby"", Brown",bob@example.com,person,Birmingham HQ,off,location,+12055550100,INTERNATIONAL,,,,,,',
      `"'=HYPERLINK(""http://evil.example"",""click"")",'@evil,person,"'=Lab, ""North""",on,own,12,INTERNATIONAL,+12055553652,,,NATIONAL,number 1 is not a valid phone number; number 2 set but used by no call type; number 3 used by call types but not set,`,
      'Carol Cruz,carol@example.com,person,Birmingham HQ,on,own,,,,,,,custom numbers on but none set,',
      'Lobby Phone,,workspace,Birmingham HQ,on,own,+12055550150,unknown,,unknown,,unknown,,outgoing permissions: 403 Missing scope (tracking ID T-1)',
      'Gail Gone,gail@example.com,person,Birmingham HQ,,,,,,,,,,transfer numbers: 503 Service unavailable (tracking ID T-2)',
      '',
    ]);
  });

  it('neutralizes every start a spreadsheet reads as a formula, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n', ' =', '  @', '\u00a0+']) assert.equal(neutralized(`${start}x`), `'${start}x`);
    for (const plain of ['Alice', 'x =y', "'quoted", '12', '', ' Alice']) assert.equal(neutralized(plain), plain);
  });

  it('writes a 10,000-row file that reads back as 10,000 rows', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => entry({ id: `P-${i}`, name: `User, ${i}\nsecond line`, email: `u${i}@example.com`, numbers: [`+1205600${String(i).padStart(4, '0')}`, null, null], usage: [['INTERNATIONAL'], [], []] }));
    const csv = reportCsv(snapshot(many), many).toString('utf8');
    // Every row ends in CRLF; a name's own line break is inside quotes (a bare LF).
    assert.equal(csv.split('\r\n').length - 1, 10_001);
    assert.ok(csv.includes('"User, 9999\nsecond line",u9999@example.com,person,Birmingham HQ,on,own,+12056009999,INTERNATIONAL'));
  });

  it('quotes a name whose only odd character is a line break, so the row stays one row', () => {
    const broken = entry({ id: 'P-N', name: 'Nina\nNewline', email: 'nina@example.com' });
    const lines = reportCsv(snapshot([broken]), [broken]).toString('utf8').slice(1).split('\r\n');
    assert.equal(lines.length, 3);
    assert.ok(lines[1].startsWith('"Nina\nNewline",nina@example.com,'));
  });
});

describe('report/summary', () => {
  it('counts who is in the report and the findings by kind, with at most three examples each', () => {
    const extra = [1, 2, 3].map((i) => entry({ id: `P-X${i}`, name: `Extra ${i}`, email: `x${i}@example.com` }));
    const summary = summarizeReport(snapshot([ALICE, BOB, EVIL, CAROL, LOBBY, GONE, ...extra]));
    assert.deepEqual(
      { ...summary, findings: undefined },
      { builtAt: new Date('2026-12-03T09:10:00Z'), complete: true, people: 8, workspaces: 1, customNumbers: 7, followLocation: 1, unreadable: 1, partlyUnreadable: 1, findings: undefined },
    );
    assert.deepEqual(summary.findings, [
      { kind: 'numberNotSet', count: 1, examples: [{ name: EVIL.name, email: '@evil', kind: 'person', slot: 3 }] },
      { kind: 'numberNotUsed', count: 1, examples: [{ name: EVIL.name, email: '@evil', kind: 'person', slot: 2 }] },
      { kind: 'invalidNumber', count: 1, examples: [{ name: EVIL.name, email: '@evil', kind: 'person', slot: 1 }] },
      {
        kind: 'customWithoutNumbers',
        count: 4,
        examples: [
          { name: 'Carol Cruz', email: 'carol@example.com', kind: 'person' },
          { name: 'Extra 1', email: 'x1@example.com', kind: 'person' },
          { name: 'Extra 2', email: 'x2@example.com', kind: 'person' },
        ],
      },
    ]);
  });

  it('narrows to a location, and names the file after it and the index time', () => {
    const snap = snapshot([ALICE, BOB, EVIL]);
    const summary = summarizeReport(snap, { location: snap.locations[1] });
    assert.equal(summary.people, 1);
    assert.deepEqual(summary.location, { id: 'LOC-LAB', name: '=Lab, "North"' });
    assert.equal(reportFileName(summary), 'transfer-numbers-lab-north-2026-12-03-0910Z.csv');
    assert.equal(reportFileName(summarizeReport(snap)), 'transfer-numbers-2026-12-03-0910Z.csv');
  });
});
