// Results of the look-up use case: what the cards module renders.
import type { Target } from '../commands/types';
import type { WebexApiError } from '../webex/errors';

export interface PersonSummary {
  id: string;
  displayName: string;
  /** Primary email; '' when Webex returned none. */
  email: string;
  orgId: string;
}

/** Transfer numbers normalized: unset (null, absent or "") is null. Index 0 is number 1. */
export interface TransferNumbersView {
  useCustomTransferNumbers: boolean;
  numbers: [string | null, string | null, string | null];
}

export type LookupOutcome =
  | { kind: 'found'; person: PersonSummary; transfer: TransferNumbersView; readAt: Date }
  | { kind: 'ambiguous'; target: Target; candidates: PersonSummary[]; more: boolean }
  | { kind: 'notFound'; target: Target }
  /** The settings call answered 404: the person has no Webex Calling. */
  | { kind: 'noCalling'; person: PersonSummary; error: WebexApiError }
  | { kind: 'webexError'; stage: 'resolve' | 'settings'; error: WebexApiError; target: Target; person?: PersonSummary };
