import { strict as assert } from 'node:assert';
import { WebexApiError } from '../../../src/webex/errors';
import { renderReply } from '../../../src/cards';
import { reportFileMessage } from '../../../src/cards/report-file';
import type { Reply } from '../../../src/cards/types';
import type { ReportSummary } from '../../../src/report/summary';
import { assertValidMessage } from '../../helpers/card-validation';
import { NOW, READ_AT, ZWJ, cardOf, facts, textBlocks } from './examples';

function summary(overrides: Partial<ReportSummary> = {}): ReportSummary {
  return {
    builtAt: READ_AT,
    complete: true,
    people: 9_000,
    workspaces: 1_000,
    customNumbers: 7_500,
    followLocation: 2_500,
    unreadable: 0,
    partlyUnreadable: 0,
    findings: [
      {
        kind: 'numberNotSet',
        count: 12,
        examples: [
          { name: 'Dave Diaz', email: 'dave@example.com', kind: 'person', slot: 3 },
          { name: 'Lobby Phone', email: '', kind: 'workspace', slot: 1 },
          { name: 'Erin *Evans*', email: 'erin@example.com', kind: 'person', slot: 2 },
        ],
      },
      { kind: 'customWithoutNumbers', count: 1, examples: [{ name: 'Carol Cruz', email: 'carol@example.com', kind: 'person' }] },
    ],
    ...overrides,
  };
}

const report = (s: ReportSummary): Extract<Reply, { kind: 'report' }> => ({ kind: 'report', summary: s, file: { name: 'x.csv', contentType: 'text/csv', bytes: Buffer.from('') } });

describe('cards/report-card (transfer numbers report)', () => {
  it('shows the counts, the findings with examples, where the list is and the index time', () => {
    const message = renderReply(report(summary()), { now: NOW });
    assertValidMessage(message);
    const card = cardOf(message);
    assert.deepEqual(facts(card), [
      ['Calling users', '9,000'],
      ['Workspaces', '1,000'],
      ['Custom numbers on', '7,500'],
      ['Following their location', '2,500'],
    ]);
    assert.deepEqual(textBlocks(card).slice(0, 6), [
      'Transfer numbers report',
      'Findings',
      `**A call type transfers to a number that is not set**: 12 — e.g. Dave Diaz (dave@example.${ZWJ}com), number 3; Lobby Phone (workspace), number 1; Erin \\*Evans\\* (erin@example.${ZWJ}com), number 2; …`,
      `**Custom numbers on, but none set**: 1 — e.g. Carol Cruz (carol@example.${ZWJ}com)`,
      'The full list, one row per calling user or workspace, is in the CSV file posted right after this card.',
      'Index as of 14:03 UTC',
    ]);
    assert.match(message.markdown, /^\*\*Transfer numbers report\*\*\n\n- Calling users: 9,000\n/);
  });

  it('says there is nothing to fix when there are no findings, and names the location', () => {
    const texts = textBlocks(cardOf(renderReply(report(summary({ findings: [], location: { id: 'LOC-1', name: 'Birmingham HQ' } })), { now: NOW })));
    assert.equal(texts[0], 'Transfer numbers report for location Birmingham HQ');
    assert.equal(texts[1], 'No findings: every number in effect is valid, set where a call type uses it, and used where set.');
  });

  it('says what the report lacks: who could not be read, workspaces, a listing cut short', () => {
    const texts = textBlocks(
      cardOf(
        renderReply(
          report(
            summary({
              complete: false,
              unreadable: 2,
              partlyUnreadable: 1,
              workspacesUnsearched: { status: 403, message: 'Missing scope' },
              listingFailed: new WebexApiError({ status: 502, message: 'Bad gateway', trackingId: 'T-9' }),
            }),
          ),
          { now: NOW },
        ),
      ),
    );
    assert.ok(texts.includes('Webex stopped listing the calling users part way: Webex had a problem answering (HTTP 502). The report holds only those listed. Tracking ID: T-9'), texts.join(' | '));
    assert.ok(texts.includes('The transfer numbers of 2 calling users or workspaces could not be read; the CSV says why for each.'));
    assert.ok(texts.includes("For 1 more, their location's numbers or their permissions could not be read, so some findings may be missing; the CSV says which."));
    assert.ok(texts.includes('Workspaces are not in the report: Webex refused to list them (the admin token may lack the spark-admin:workspaces_read scope).'));
  });

  it('words the message that carries the CSV', () => {
    assert.deepEqual(reportFileMessage(report(summary({ location: { id: 'L', name: 'Birmingham HQ' } })), NOW), {
      markdown: 'Transfer numbers report for location Birmingham HQ: 10,000 rows (one per calling user or workspace), index as of 14:03 UTC. Open it in a spreadsheet; numbers are in E.164.',
    });
  });
});
