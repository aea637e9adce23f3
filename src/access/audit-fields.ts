// What an audit line says about a reply: its outcome, the people it resolved to and the Webex
// tracking ID; and a short, bounded description of a card submit for the "asked" field.
import type { Reply } from '../cards/types';
import type { LookupOutcome } from '../lookup/types';
import type { AuditOutcome } from './audit';
import type { EditAudit } from '../edit/types';

export interface ReplyAuditFields {
  outcome: AuditOutcome;
  resolvedPersonId?: string;
  /** Several people (a several-people look-up, or everyone a reverse look-up found). */
  resolvedPersonIds?: string[];
  trackingId?: string;
  edit?: EditAudit;
}

export function auditFieldsOf(reply: Reply): ReplyAuditFields {
  switch (reply.kind) {
    case 'lookup': {
      const { outcome, personId, trackingId } = outcomeFields(reply.outcome);
      return compact({ outcome, resolvedPersonId: personId, trackingId });
    }
    case 'lookupMany': {
      const fields = reply.result.entries.map((entry) => outcomeFields(entry.outcome));
      return compact({
        outcome: 'lookupMany',
        resolvedPersonIds: fields.map((f) => f.personId).filter((id): id is string => !!id),
        trackingId: fields.find((f) => f.trackingId)?.trackingId,
      });
    }
    case 'reverse':
      return compact({
        outcome: 'reverse',
        resolvedPersonIds: reply.result.matches.map((m) => m.person.id),
        trackingId: reply.result.lastFailure?.trackingId,
      });
    case 'reverseFailed':
    case 'webexError':
    case 'reportFileFailed':
      return compact({ outcome: 'webexError', trackingId: reply.error.trackingId });
    case 'notAllowed':
      return { outcome: 'refused.notAllowed' };
    case 'slowDown':
      return { outcome: 'refused.rateLimited' };
    case 'orgNotAllowed':
      return { outcome: 'refused.orgNotAllowed' };
    case 'editProposed':
      return { outcome: reply.undo ? 'edit.undoProposed' : 'edit.proposed', resolvedPersonId: reply.view.target.person.id, edit: reply.audit };
    case 'editDone':
      return { outcome: reply.undone ? 'edit.undone' : 'edit.done', resolvedPersonId: reply.view.target.person.id, edit: reply.audit };
    case 'editNotice':
      return compact({
        outcome: `edit.${reply.notice.why}`,
        resolvedPersonId: reply.notice.target?.person.id,
        trackingId: reply.notice.error?.trackingId,
        edit: reply.audit,
      });
    case 'editNotAllowed':
      return { outcome: 'refused.notEditor' };
    default:
      return { outcome: reply.kind };
  }
}

function outcomeFields(outcome: LookupOutcome): { outcome: AuditOutcome; personId?: string; trackingId?: string } {
  switch (outcome.kind) {
    case 'found':
      return { outcome: 'found', personId: outcome.person.id, trackingId: outcome.usageError?.trackingId };
    case 'ambiguous':
      return { outcome: 'ambiguous' };
    case 'notFound':
      return { outcome: 'notFound' };
    case 'noCalling':
      return { outcome: 'noCalling', personId: outcome.person.id, trackingId: outcome.error.trackingId };
    case 'otherOrg':
      return { outcome: 'refused.orgNotAllowed' };
    case 'webexError':
      return { outcome: 'webexError', personId: outcome.person?.id, trackingId: outcome.error.trackingId };
    default:
      return { outcome: 'unknown' };
  }
}

/** Drops empty optional fields, so the audit line only says what is known. */
function compact(fields: ReplyAuditFields): ReplyAuditFields {
  const result: ReplyAuditFields = { outcome: fields.outcome };
  if (fields.resolvedPersonId) result.resolvedPersonId = fields.resolvedPersonId;
  if (fields.resolvedPersonIds && fields.resolvedPersonIds.length > 0) result.resolvedPersonIds = fields.resolvedPersonIds;
  if (fields.trackingId) result.trackingId = fields.trackingId;
  if (fields.edit) result.edit = fields.edit;
  return result;
}

const CARD_KEYS = ['action', 'target', 'targets', 'personId', 'workspaceId', 'email', 'orgId', 'editId', 'edit'] as const;
const MAX_CARD_VALUE_LENGTH = 120;

/** "card: action=pick personId=Y2lz…": the card fields this bot reads, nothing else a client sent. */
export function askedOfCard(inputs: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of CARD_KEYS) {
    const value = typeof inputs === 'object' && inputs !== null ? inputs[key] : undefined;
    if (typeof value !== 'string' || value.trim() === '') continue;
    parts.push(`${key}=${oneLine(value)}`);
  }
  return parts.length > 0 ? `card: ${parts.join(' ')}` : 'card: (no known fields)';
}

function oneLine(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  const points = Array.from(text);
  return points.length > MAX_CARD_VALUE_LENGTH ? `${points.slice(0, MAX_CARD_VALUE_LENGTH).join('')}…` : text;
}
