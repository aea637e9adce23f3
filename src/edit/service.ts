// Changing transfer numbers from the chat: propose (read live, nothing written), then confirm (claim
// once, read again, write only what changes, read back) or cancel; a change made can be undone through
// a proposal of its own. Every step says what it did as data: the caller posts it and audits it.
import { randomBytes } from 'node:crypto';
import { byDeadline } from '../deadline';
import type { Command, EditDecision, Target } from '../commands/types';
import type { Reply } from '../cards/types';
import type { LookupOutcome, TransferNumbersView } from '../lookup/types';
import type { CallOptions } from '../lookup/ports';
import type { EditStore } from '../store/types';
import { isWebexApiError } from '../webex/errors';
import type { TransferNumbersPatch } from '../webex/types';
import { applyChange, patchBetween, sameState } from './state';
import type { EditAudit, EditTarget, EditView, PendingEdit, UndoTicket } from './types';

/** A confirmation works for 5 minutes, an Undo for 15. */
export const CONFIRM_WINDOW_MS = 5 * 60_000;
export const UNDO_WINDOW_MS = 15 * 60_000;
/** Claims outlive the longest window, so a late second press still finds the first one's claim. */
const CLAIM_TTL_MS = 60 * 60_000;

/** What the edit use case needs from Webex: the live read of a look-up, and the two writes. */
export interface EditPorts {
  read(target: Target, call: CallOptions): Promise<LookupOutcome>;
  setTransferNumbers(personId: string, patch: TransferNumbersPatch, opts: { orgId?: string; deadline?: number }): Promise<void>;
  setWorkspaceTransferNumbers(workspaceId: string, patch: TransferNumbersPatch, opts: { orgId?: string; deadline?: number }): Promise<void>;
}

export interface EditServiceOptions {
  ports: EditPorts;
  store: EditStore;
  /** ALLOWED_EDITORS, lower-cased. */
  editors: readonly string[];
  now?: () => number;
  newId?: () => string;
}

export interface EditRequester {
  id: string;
  email: string;
}

export interface EditCall {
  requester: EditRequester;
  deadline: number;
  /** Audits a step as it happens (the write), apart from the reply's own line. */
  audit: (entry: { outcome: string; edit: EditAudit; trackingId?: string }) => void;
}

export class EditService {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly opts: EditServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? (() => randomBytes(12).toString('base64url'));
  }

  /** False for everyone when ALLOWED_EDITORS is empty: editing is then off. */
  isEditor(email: string): boolean {
    return this.opts.editors.includes(email.toLowerCase());
  }

  /** "set transfer number …": reads the settings live and proposes the change; writes nothing. */
  async propose(command: Extract<Command, { kind: 'edit' }>, call: EditCall): Promise<Reply> {
    if (!this.isEditor(call.requester.email)) return { kind: 'editNotAllowed' };
    const outcome = await this.opts.ports.read(command.target, { orgId: command.orgId, deadline: call.deadline, fresh: true });
    // Several match: their pick buttons carry the change, so a press proposes it for the one picked.
    if (outcome.kind === 'ambiguous') return { kind: 'lookup', outcome, edit: command.change };
    if (outcome.kind !== 'found') return { kind: 'lookup', outcome };
    const target: EditTarget = { person: outcome.person, ...(command.orgId ? { orgId: command.orgId } : {}) };
    const before = outcome.transfer;
    const after = applyChange(before, command.change);
    if (sameState(before, after)) return { kind: 'editNotice', notice: { why: 'noChange', target, state: before } };
    const pending: PendingEdit = { id: this.newId(), requesterId: call.requester.id, target, change: command.change, before, after, expiresAt: this.now() + CONFIRM_WINDOW_MS };
    const stored = await this.keep(pending.id, pending, CONFIRM_WINDOW_MS);
    if (!stored) return { kind: 'editNotice', notice: { why: 'storeFailed', target } };
    return proposal(pending, { target, before, after, usage: outcome.usage }, 'request');
  }

  async decide(decision: EditDecision, editId: string, call: EditCall): Promise<Reply> {
    if (!this.isEditor(call.requester.email)) return { kind: 'editNotAllowed' };
    switch (decision) {
      case 'confirm':
        return this.confirm(editId, call);
      case 'cancel':
        return this.cancel(editId, call);
      case 'undo':
        return this.undo(editId, call);
    }
  }

  private async confirm(editId: string, call: EditCall): Promise<Reply> {
    const found = await this.take<PendingEdit>(editId, call, 'confirm');
    if ('reply' in found) return found.reply;
    const pending = found.value;
    const audit = (step: EditAudit['step']): EditAudit => auditOf(step, pending.id, pending.target, pending.before, pending.after);
    const now = await this.readNow(pending.target, call);
    if (now.kind !== 'found') return { kind: 'lookup', outcome: now };
    if (!sameState(now.transfer, pending.before)) {
      return { kind: 'editNotice', notice: { why: 'changedMeanwhile', target: pending.target, state: now.transfer }, audit: audit('confirm') };
    }
    const patch = patchBetween(pending.before, pending.after);
    try {
      await this.write(pending.target, patch, call.deadline);
    } catch (err) {
      if (!isWebexApiError(err)) throw err;
      call.audit({ outcome: 'edit.writeFailed', edit: audit('write'), trackingId: err.trackingId });
      return { kind: 'editNotice', notice: { why: 'writeFailed', target: pending.target, error: err }, audit: audit('confirm') };
    }
    call.audit({ outcome: 'edit.written', edit: audit('write') });
    return this.written(pending, call);
  }

  /** After a write: read back what Webex now holds, and offer Undo. */
  private async written(pending: PendingEdit, call: EditCall): Promise<Reply> {
    const ticket: UndoTicket = {
      id: this.newId(),
      requesterId: pending.requesterId,
      target: pending.target,
      written: pending.after,
      restore: pending.before,
      expiresAt: this.now() + UNDO_WINDOW_MS,
    };
    // Both are bounded by the edit's deadline, so the write is told even when the store or Webex is slow:
    // a ticket not kept in time offers no Undo, a read-back not answered in time says so.
    const undoKept = await byDeadline(this.keep(ticket.id, ticket, UNDO_WINDOW_MS), call.deadline, false);
    const back = await byDeadline(this.readNow(pending.target, call).catch(() => undefined), call.deadline, undefined);
    const readBack = back?.kind === 'found' ? back : undefined;
    const view: EditView = { target: pending.target, before: pending.before, after: readBack?.transfer ?? pending.after, usage: readBack?.usage };
    return {
      kind: 'editDone',
      view,
      readBack: readBack !== undefined,
      ...(undoKept ? { undoId: ticket.id } : {}),
      undone: pending.change.kind === 'restore',
      audit: auditOf('confirm', pending.id, pending.target, pending.before, view.after),
    };
  }

  private async cancel(editId: string, call: EditCall): Promise<Reply> {
    const found = await this.take<PendingEdit>(editId, call, 'confirm');
    if ('reply' in found) return found.reply;
    const pending = found.value;
    return { kind: 'editNotice', notice: { why: 'cancelled', target: pending.target }, audit: auditOf('cancel', pending.id, pending.target, pending.before, pending.after) };
  }

  /** Undo proposes the way back, confirmed like any change, once the settings are still what was written. */
  private async undo(undoId: string, call: EditCall): Promise<Reply> {
    const found = await this.take<UndoTicket>(undoId, call, 'undo');
    if ('reply' in found) return found.reply;
    const ticket = found.value;
    const now = await this.readNow(ticket.target, call);
    if (now.kind !== 'found') return { kind: 'lookup', outcome: now };
    const audit = auditOf('undo', ticket.id, ticket.target, ticket.written, ticket.restore);
    if (!sameState(now.transfer, ticket.written)) {
      return { kind: 'editNotice', notice: { why: 'changedMeanwhile', target: ticket.target, state: now.transfer }, audit };
    }
    const pending: PendingEdit = {
      id: this.newId(),
      requesterId: ticket.requesterId,
      target: ticket.target,
      change: { kind: 'restore' },
      before: now.transfer,
      after: ticket.restore,
      expiresAt: this.now() + CONFIRM_WINDOW_MS,
    };
    if (!(await this.keep(pending.id, pending, CONFIRM_WINDOW_MS))) return { kind: 'editNotice', notice: { why: 'storeFailed', target: ticket.target } };
    return proposal(pending, { target: ticket.target, before: now.transfer, after: ticket.restore, usage: now.usage }, 'undo');
  }

  /**
   * The stored proposal or undo ticket, if the requester may use it now: theirs, not expired, and not
   * decided before (the claim makes a double press, or two instances given one submit, act once).
   * Someone else's press claims nothing, so the requester's own still works.
   */
  private async take<T extends PendingEdit | UndoTicket>(id: string, call: EditCall, kind: 'confirm' | 'undo'): Promise<{ value: T } | { reply: Reply }> {
    let raw: string | undefined;
    try {
      raw = await this.opts.store.get(id);
    } catch {
      return { reply: { kind: 'editNotice', notice: { why: 'storeFailed' } } };
    }
    const value = raw === undefined ? undefined : parseStored<T>(raw);
    if (!value) return { reply: { kind: 'editNotice', notice: { why: kind === 'undo' ? 'undoExpired' : 'expired' } } };
    if (value.requesterId !== call.requester.id) return { reply: { kind: 'editNotice', notice: { why: 'notYours', target: value.target } } };
    if (this.now() > value.expiresAt) return { reply: { kind: 'editNotice', notice: { why: kind === 'undo' ? 'undoExpired' : 'expired', target: value.target } } };
    let first: boolean;
    try {
      first = await this.opts.store.claim(id, CLAIM_TTL_MS);
    } catch {
      return { reply: { kind: 'editNotice', notice: { why: 'storeFailed', target: value.target } } };
    }
    if (!first) return { reply: { kind: 'editNotice', notice: { why: 'alreadyUsed', target: value.target } } };
    return { value };
  }

  private async keep(id: string, value: PendingEdit | UndoTicket, ttlMs: number): Promise<boolean> {
    try {
      await this.opts.store.put(id, JSON.stringify(value), ttlMs);
      return true;
    } catch {
      return false;
    }
  }

  private readNow(target: EditTarget, call: EditCall): Promise<LookupOutcome> {
    const { person, orgId } = target;
    const byId: Target = person.kind === 'workspace' ? { kind: 'workspaceId', id: person.id } : { kind: 'personId', id: person.id };
    return this.opts.ports.read(byId, { orgId, deadline: call.deadline, fresh: true });
  }

  private write(target: EditTarget, patch: TransferNumbersPatch, deadline: number): Promise<void> {
    const opts = { orgId: target.orgId, deadline };
    return target.person.kind === 'workspace'
      ? this.opts.ports.setWorkspaceTransferNumbers(target.person.id, patch, opts)
      : this.opts.ports.setTransferNumbers(target.person.id, patch, opts);
  }
}

function proposal(pending: PendingEdit, view: EditView, step: 'request' | 'undo'): Reply {
  return {
    kind: 'editProposed',
    editId: pending.id,
    view,
    undo: pending.change.kind === 'restore',
    minutes: CONFIRM_WINDOW_MS / 60_000,
    audit: auditOf(step, pending.id, pending.target, pending.before, pending.after),
  };
}

function auditOf(step: EditAudit['step'], editId: string, target: EditTarget, before: TransferNumbersView, after: TransferNumbersView): EditAudit {
  return { step, editId, targetId: target.person.id, targetKind: target.person.kind === 'workspace' ? 'workspace' : 'person', before, after };
}

/** What the store holds was written by this code; anything else (a newer shape, damage) is treated as gone. */
function parseStored<T>(raw: string): T | undefined {
  try {
    const value = JSON.parse(raw) as T & { requesterId?: unknown; expiresAt?: unknown; target?: { person?: { id?: unknown } } };
    if (typeof value?.requesterId !== 'string' || typeof value.expiresAt !== 'number' || typeof value.target?.person?.id !== 'string') return undefined;
    return value;
  } catch {
    return undefined;
  }
}
