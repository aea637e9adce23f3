// What an edit of transfer numbers is made of: the state before and after, and what is kept between
// the card that proposes a change and the button that confirms it. Pure data.
import type { EditChange } from '../commands/types';
import type { PersonSummary, TransferNumbersView, TransferUsage } from '../lookup/types';

/** Whose numbers change: a person or a workspace, as the live read found them. */
export interface EditTarget {
  person: PersonSummary;
  /** The org asked for with `in org`, kept so the confirm and undo stay there. */
  orgId?: string;
}

/** A change proposed on a card, waiting for its requester's Confirm (or Cancel). */
export interface PendingEdit {
  id: string;
  requesterId: string;
  target: EditTarget;
  change: EditChange | { kind: 'restore' };
  before: TransferNumbersView;
  after: TransferNumbersView;
  /** Epoch ms after which Confirm does nothing. */
  expiresAt: number;
}

/** A change that was written, which its requester may undo until `expiresAt`. */
export interface UndoTicket {
  id: string;
  requesterId: string;
  target: EditTarget;
  /** What was written: Undo does nothing when the settings no longer are this. */
  written: TransferNumbersView;
  /** What Undo restores. */
  restore: TransferNumbersView;
  expiresAt: number;
}

/** What the cards show of a proposal or a change made. */
export interface EditView {
  target: EditTarget;
  before: TransferNumbersView;
  after: TransferNumbersView;
  /** What each number in effect is for (call types), when the permissions could be read. */
  usage?: TransferUsage;
}

/** One audit line's account of an edit: which step, whose numbers, before and after. */
export interface EditAudit {
  step: 'request' | 'confirm' | 'cancel' | 'write' | 'undo';
  editId: string;
  targetId: string;
  targetKind: 'person' | 'workspace';
  before?: TransferNumbersView;
  after?: TransferNumbersView;
}
