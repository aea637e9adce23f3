// Everything the bot can say, as data. cards/ turns a Reply into an OutgoingMessage.
import type { EditChange, InvalidEditReason, InvalidNumberReason, InvalidTargetReason, PhoneNumber } from '../commands/types';
import type { EditAudit, EditTarget, EditView } from '../edit/types';
import type { LookupManyResult, LookupOutcome, ReverseResult, ReverseScanProgress, TransferNumbersView } from '../lookup/types';
import type { WebexApiError } from '../webex/errors';
import type { ReportSummary } from '../report/summary';

export type Reply =
  /**
   * The result of one look-up (found, ambiguous, not found, no calling, Webex failure). `edit`: the
   * change of an edit command whose target named several, so the pick buttons propose it.
   */
  | { kind: 'lookup'; outcome: LookupOutcome; edit?: EditChange }
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
  /** A change of transfer numbers for its requester to Confirm or Cancel; `undo`: it restores what a change replaced. */
  | { kind: 'editProposed'; editId: string; view: EditView; undo: boolean; minutes: number; audit: EditAudit }
  /** A change was written (`undone`: an Undo's); `after` is what Webex answered when read back (`readBack`). `undoId` when Undo is offered. */
  | { kind: 'editDone'; view: EditView; readBack: boolean; undoId?: string; undone: boolean; audit: EditAudit }
  /** An edit that went no further, and why (see EditNotice). */
  | { kind: 'editNotice'; notice: EditNotice; audit?: EditAudit }
  /** The requester is not among ALLOWED_EDITORS (or editing is off): nothing was read. */
  | { kind: 'editNotAllowed' }
  /** An edit command with a value that cannot be used (not a valid phone number, no such slot, no one named). */
  | { kind: 'invalidEdit'; input: string; reason: InvalidEditReason }
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

/**
 * Why an edit stopped: nothing to change, a confirmation expired or already used, someone else's
 * button, cancelled, the settings changed since the card (`state`: what they are now), the write
 * failed (`error`), or the edit store could not be reached.
 */
export interface EditNotice {
  why: 'noChange' | 'expired' | 'undoExpired' | 'notYours' | 'alreadyUsed' | 'cancelled' | 'changedMeanwhile' | 'writeFailed' | 'storeFailed';
  target?: EditTarget;
  state?: TransferNumbersView;
  error?: WebexApiError;
}

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
