// Everything the bot can say, as data. cards/ turns a Reply into an OutgoingMessage.
import type { InvalidNumberReason, InvalidTargetReason, PhoneNumber } from '../commands/types';
import type { LookupManyResult, LookupOutcome, ReverseResult, ReverseScanProgress } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import type { ReportSummary } from '../report/summary';

export type Reply =
  /** The result of one look-up (found, ambiguous, not found, no calling, Webex failure). */
  | { kind: 'lookup'; outcome: LookupOutcome }
  /** Several people at once: one compact card, one section per person, in the order asked. */
  | { kind: 'lookupMany'; result: LookupManyResult }
  /** Who transfers calls to a number. */
  | { kind: 'reverse'; result: ReverseResult }
  /** Listing the calling users failed, so nobody could be checked. */
  | { kind: 'reverseFailed'; number: PhoneNumber; error: WebexApiError }
  /** The org's index is being built (posted while a reverse look-up or a report waits for it); `number` for a reverse look-up. Markdown only. */
  | { kind: 'scanning'; number?: PhoneNumber; progress: ReverseScanProgress }
  /** The index was still being built when time ran out; `number` for a reverse look-up. */
  | { kind: 'indexBuilding'; progress: ReverseScanProgress; number?: PhoneNumber }
  /** A transfer numbers report: the summary card; `file` (its CSV) is posted right after it. */
  | { kind: 'report'; summary: ReportSummary; file: { name: string; contentType: 'text/csv'; bytes: Buffer } }
  /** A report's CSV could not be posted after its card. */
  | { kind: 'reportFileFailed'; error: WebexApiError }
  /** A report named a location the index has none (or several) of; `names`: those it could be, or the first of all. */
  | { kind: 'reportLocation'; asked: string; found: 'none' | 'several'; names: string[]; more: number }
  | { kind: 'help'; botName: string }
  /** The bot was added to a space: the help card with a greeting. */
  | { kind: 'welcome'; botName: string }
  | { kind: 'invalidTarget'; input: string; reason: InvalidTargetReason; botName: string }
  | { kind: 'invalidNumber'; input: string; reason: InvalidNumberReason; botName: string }
  /** What follows "in org" is not an organization ID. */
  | { kind: 'invalidOrg'; input: string }
  /** Webex failed before a look-up could start (e.g. fetching the message or card submit). */
  | { kind: 'webexError'; error: WebexApiError }
  /** The requester may not use the bot. */
  | { kind: 'notAllowed' }
  /** `in org <orgId>` named an organization this bot may not search. */
  | { kind: 'orgNotAllowed'; orgId: string }
  /** Too many look-ups by this requester; try again after `retryAfterSeconds`. */
  | { kind: 'slowDown'; retryAfterSeconds: number }
  /** Posted in a space with outsiders: the answer went to the requester's 1:1 instead. */
  | { kind: 'sentPrivately'; requesterName: string }
  /** The command ran out of its time budget. */
  | { kind: 'timedOut' }
  /** An unexpected internal failure; `reference` lets the owner find the log line. */
  | { kind: 'internalError'; reference: string };

/** An Adaptive Card attachment as Webex takes it. */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCardJson;
}

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: '1.3';
  body: unknown[];
  actions?: unknown[];
  $schema?: string;
  [key: string]: unknown;
}

/** A message ready for POST /messages (minus the destination). */
export interface OutgoingMessage {
  /** Always present: the fallback for clients that cannot render cards, and the whole message when there is no card. */
  markdown: string;
  attachments?: [CardAttachment];
}

// The keys of our cards' submit data are part of the command vocabulary (commands/card-actions.ts).
export { CARD_ACTION, CARD_DATA_TARGETS, CARD_INPUT_TARGET } from '../commands/card-actions';
