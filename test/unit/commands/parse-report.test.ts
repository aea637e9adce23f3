import { strict as assert } from 'node:assert';
import { parseCommand } from '../../../src/commands';

const ctx = { botNames: ['Transfer Bot', 'Transfer'] };
const ORG = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

describe('commands/parseCommand: transfer numbers report', () => {
  const whole = ['transfer numbers report', 'Transfer Numbers Report', 'Transfer Bot transfer numbers report', 'send me the transfer number report', 'please get the auto transfer numbers report.', 'transfer-numbers report'];
  for (const text of whole) {
    it(`reads ${JSON.stringify(text)} as the whole organization's report`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'report' });
    });
  }

  const located: [string, string][] = [
    ['transfer numbers report for location Birmingham HQ', 'Birmingham HQ'],
    ['transfer numbers report for Birmingham HQ', 'Birmingham HQ'],
    ['transfer numbers report location: "Huntsville Lab"', 'Huntsville Lab'],
    ['transfer numbers report for the location Birmingham HQ?', 'Birmingham HQ'],
    ['transfer numbers report for site Mobile', 'Mobile'],
  ];
  for (const [text, location] of located) {
    it(`reads ${JSON.stringify(text)} as the report of location ${location}`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'report', location });
    });
  }

  it('takes "in org" for partner administrators, and refuses what is not an org ID', () => {
    assert.deepEqual(parseCommand(`transfer numbers report in org ${ORG}`, ctx), { kind: 'report', orgId: ORG });
    assert.deepEqual(parseCommand(`transfer numbers report for location HQ in org ${ORG}`, ctx), { kind: 'report', location: 'HQ', orgId: ORG });
    assert.deepEqual(parseCommand('transfer numbers report in org nonsense', ctx), { kind: 'invalidOrg', input: 'nonsense' });
  });

  it('still looks up a person called Report when asked "for" them, and refuses a location name too long to be one', () => {
    assert.deepEqual(parseCommand('transfer numbers for report', ctx), { kind: 'lookup', target: { kind: 'name', name: 'report' } });
    assert.notEqual(parseCommand('transfer numbers report-card', ctx).kind, 'report', 'a word that only starts with "report" is not the report');
    assert.notEqual(parseCommand('transfer numbers reports', ctx).kind, 'report');
    const long = 'x'.repeat(257);
    assert.deepEqual(parseCommand(`transfer numbers report for location ${long}`, ctx), { kind: 'invalidTarget', input: long, reason: 'tooLong' });
  });
});
