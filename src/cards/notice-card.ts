// The shared shape of every "something is not right" card (cards/notice.json): a coloured title,
// optionally the person concerned, a few sentences, an example, the next step and a tracking ID.
import noticeTemplateJson from '../../cards/notice.json';
import { escapeIdentifier } from './escape';
import { withLookupForm } from './lookup-form';
import { cardMessage, joinBlocks } from './outgoing';
import { compileTemplate, expandCard } from './template';
import type { OutgoingMessage } from './types';

export type NoticeColor = 'Attention' | 'Warning' | 'Default';

/** Every text here is markdown, already escaped, except `trackingId`, which is escaped here. */
export interface Notice {
  title: string;
  color: NoticeColor;
  /** The person concerned, as one markdown line. */
  person?: string;
  paragraphs: string[];
  /** A command to copy, shown in a monospace line. */
  example?: string;
  nextStep?: string;
  /** Raw tracking ID from Webex. */
  trackingId?: string;
  /** Adds a "Try again" button that refreshes this person's numbers. */
  retryPersonId?: string;
  /** The same for a workspace. */
  retryWorkspaceId?: string;
  /** The org the look-up was made in, sent back with "Try again". */
  retryOrgId?: string;
  /** Label of the look-up form at the bottom. */
  formLabel: string;
}

const noticeTemplate = compileTemplate(noticeTemplateJson);

export function trackingIdLine(trackingId: string | undefined): string | undefined {
  const escaped = escapeIdentifier(trackingId);
  return escaped ? `Tracking ID: ${escaped}` : undefined;
}

export function renderNotice(notice: Notice): OutgoingMessage {
  const trackingId = escapeIdentifier(notice.trackingId);
  const paragraphs = notice.paragraphs.filter((text) => text.trim() !== '');
  const card = expandCard(noticeTemplate, {
    title: notice.title,
    color: notice.color,
    hasPerson: Boolean(notice.person),
    person: notice.person ?? '',
    paragraphs: paragraphs.map((text) => ({ text })),
    hasExample: Boolean(notice.example),
    example: notice.example ?? '',
    hasNextStep: Boolean(notice.nextStep),
    nextStep: notice.nextStep ?? '',
    hasTrackingId: trackingId !== '',
    trackingId,
    retryHere: Boolean(notice.retryPersonId) && !notice.retryOrgId,
    retryInOrg: Boolean(notice.retryPersonId) && Boolean(notice.retryOrgId),
    retryPersonId: notice.retryPersonId ?? '',
    retryWorkspaceHere: Boolean(notice.retryWorkspaceId) && !notice.retryOrgId,
    retryWorkspaceInOrg: Boolean(notice.retryWorkspaceId) && Boolean(notice.retryOrgId),
    retryWorkspaceId: notice.retryWorkspaceId ?? '',
    retryOrgId: notice.retryOrgId ?? '',
  });
  const markdown = joinBlocks([
    `**${notice.title}**`,
    notice.person,
    ...paragraphs,
    notice.example ? `\`${notice.example}\`` : undefined,
    notice.nextStep,
    trackingIdLine(notice.trackingId),
  ]);
  return cardMessage(withLookupForm(card, notice.formLabel), markdown);
}
