// Several people in one command (Reply "lookupMany"): one compact card, a section per person in the
// order asked, so one person's failure never hides the others.
import manyTemplateJson from '../../cards/many.json';
import type { LookupManyResult } from '../lookup/types';
import { FORM_LABEL_ANOTHER, withLookupForm } from './lookup-form';
import { entrySection, refreshTarget, type EntrySection } from './many-entry-words';
import { cardMessage, joinBlocks } from './outgoing';
import { formatReadAt } from './read-time';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

const manyTemplate = compileTemplate(manyTemplateJson);

function heading(count: number): string {
  return count === 1 ? 'Transfer numbers for 1 person' : `Transfer numbers for ${count} people`;
}

/** The latest read among the people found; undefined when nobody was found. */
function lastReadAt(result: LookupManyResult): Date | undefined {
  const times = result.entries.flatMap((entry) => (entry.outcome.kind === 'found' && entry.outcome.readAt instanceof Date ? [entry.outcome.readAt] : []));
  return times.length > 0 ? new Date(Math.max(...times.map((t) => t.getTime()))) : undefined;
}

function sectionMarkdown(section: EntrySection): string {
  return [section.title, ...section.lines.map((line) => `- ${line.text}`)].join('\n');
}

export function renderLookupMany(result: LookupManyResult, now: Date): OutgoingMessage {
  const entries = Array.isArray(result.entries) ? result.entries : [];
  const sections = entries.map(entrySection);
  const readAtDate = lastReadAt({ ...result, entries });
  const readAt = readAtDate ? formatReadAt(readAtDate, now) : '';
  const targets = entries.map(refreshTarget).filter((target) => target !== '');
  const orgId = typeof result.orgId === 'string' ? result.orgId : '';
  const title = heading(entries.length);

  const card = expandCard(manyTemplate, {
    heading: title,
    sections: sections.map((section) => ({ title: section.title, lines: section.lines.map((line) => ({ ...line })) })),
    hasReadAt: readAt !== '',
    readAt,
    refreshHere: targets.length > 0 && orgId === '',
    refreshInOrg: targets.length > 0 && orgId !== '',
    refreshTargets: targets.join('\n'),
    orgId,
  });
  const markdown = joinBlocks([`**${title}**`, ...sections.map(sectionMarkdown), readAt]);
  return cardMessage(withLookupForm(card, FORM_LABEL_ANOTHER), markdown);
}
