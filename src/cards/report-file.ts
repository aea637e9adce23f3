// The words of the message that carries a report's CSV (posted right after the summary card).
import { escapeMarkdown } from './escape';
import { utcTimeWords } from './read-time';
import type { Reply } from './types';

export function reportFileMessage(reply: Extract<Reply, { kind: 'report' }>, now: Date = new Date()): { markdown: string } {
  const rows = reply.summary.people + reply.summary.workspaces;
  const when = utcTimeWords(reply.summary.builtAt, now);
  const where = reply.summary.location ? ` for location ${escapeMarkdown((reply.summary.location.name ?? reply.summary.location.id).slice(0, 80))}` : '';
  return {
    markdown: `Transfer numbers report${where}: ${rows === 1 ? '1 row' : `${rows.toLocaleString('en-US')} rows`} (one per calling user or workspace)${when ? `, index as of ${when}` : ''}. Open it in a spreadsheet; numbers are in E.164.`,
  };
}
