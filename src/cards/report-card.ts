// A transfer numbers report (Reply "report"): the counts, the findings by kind with a few examples, and
// a pointer to the CSV file posted right after the card (cards/report.json).
import reportTemplateJson from '../../cards/report.json';
import { findingKindWords } from '../report/finding-words';
import type { FindingCount, ReportSummary } from '../report/summary';
import { escapeIdentifier, escapeMarkdown } from './escape';
import { FORM_LABEL_FIRST, withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { utcTimeWords } from './read-time';
import { orgWords } from './reverse-words';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';
import { describeWebexError } from './webex-error-words';

const reportTemplate = compileTemplate(reportTemplateJson);
const NAME_MAX_LENGTH = 80;

export const REPORT_FILE_NOTE = 'The full list, one row per calling user or workspace, is in the CSV file posted right after this card.';

function count(n: number): string {
  return Number.isInteger(n) && n > 0 ? n.toLocaleString('en-US') : '0';
}

export function reportHeading(summary: Pick<ReportSummary, 'location'>): string {
  const location = summary.location ? escapeMarkdown((summary.location.name ?? summary.location.id).slice(0, NAME_MAX_LENGTH)) : '';
  return location ? `Transfer numbers report for location ${location}` : 'Transfer numbers report';
}

/** "**A number is set but no call type uses it**: 12 — e.g. Dave Diaz (dave@example.com), number 2; …" */
export function findingLine(finding: FindingCount): string {
  const examples = (Array.isArray(finding.examples) ? finding.examples : []).map((example) => {
    const name = escapeMarkdown(String(example.name ?? '').slice(0, NAME_MAX_LENGTH));
    const who = example.kind === 'workspace' ? `${name} (workspace)` : example.email ? `${name} (${escapeMarkdown(example.email.slice(0, NAME_MAX_LENGTH))})` : name;
    return example.slot ? `${who}, number ${example.slot}` : who;
  });
  const more = finding.count > examples.length ? '; …' : '';
  return `**${findingKindWords(finding.kind)}**: ${count(finding.count)}${examples.length > 0 ? ` — e.g. ${examples.join('; ')}${more}` : ''}`;
}

export function reportWarnings(summary: ReportSummary): string[] {
  const warnings: string[] = [];
  if (summary.listingFailed) {
    const why = describeWebexError(summary.listingFailed, 'general');
    const trackingId = escapeIdentifier(why.trackingId);
    warnings.push(`Webex stopped listing the calling users part way: ${why.detail} The report holds only those listed.${trackingId ? ` Tracking ID: ${trackingId}` : ''}`);
  }
  if (summary.unreadable > 0) {
    warnings.push(`The transfer numbers of ${summary.unreadable === 1 ? '1 calling user or workspace' : `${count(summary.unreadable)} calling users or workspaces`} could not be read; the CSV says why for each.`);
  }
  if (summary.partlyUnreadable > 0) {
    warnings.push(`For ${count(summary.partlyUnreadable)} more, their location's numbers or their permissions could not be read, so some findings may be missing; the CSV says which.`);
  }
  if (summary.workspacesUnsearched) {
    const refused = summary.workspacesUnsearched.status === 403;
    warnings.push(
      refused
        ? 'Workspaces are not in the report: Webex refused to list them (the admin token may lack the spark-admin:workspaces_read scope).'
        : 'Workspaces are not in the report: Webex failed to list them.',
    );
  }
  return warnings;
}

export function renderReport(reply: { summary: ReportSummary }, now: Date): OutgoingMessage {
  const summary = reply.summary;
  const heading = reportHeading(summary) + orgWords(summary.orgId);
  const counts = [
    { title: 'Calling users', value: count(summary.people) },
    { title: 'Workspaces', value: count(summary.workspaces) },
    { title: 'Custom numbers on', value: count(summary.customNumbers) },
    { title: 'Following their location', value: count(summary.followLocation) },
    ...(summary.unreadable > 0 ? [{ title: 'Could not be read', value: count(summary.unreadable) }] : []),
  ];
  const findings = (Array.isArray(summary.findings) ? summary.findings : []).map(findingLine);
  const findingsHeading = findings.length > 0 ? 'Findings' : 'No findings: every number in effect is valid, set where a call type uses it, and used where set.';
  const warnings = reportWarnings(summary);
  const when = utcTimeWords(summary.builtAt, now);
  const indexAsOf = when ? `Index as of ${when}` : 'Index time unknown';
  const card = expandCard(reportTemplate, {
    heading,
    counts,
    findingsHeading,
    findings: findings.map((text) => ({ text })),
    warnings: warnings.map((text) => ({ text })),
    fileNote: REPORT_FILE_NOTE,
    indexAsOf,
  });
  const markdown = joinBlocks([
    `**${heading}**`,
    counts.map((fact) => `- ${fact.title}: ${fact.value}`).join('\n'),
    findings.length > 0 ? `**Findings**\n${findings.map((line) => `- ${line}`).join('\n')}` : findingsHeading,
    ...warnings,
    REPORT_FILE_NOTE,
    indexAsOf,
  ]);
  return cardMessage(withLookupForm(card, FORM_LABEL_FIRST), markdown);
}
