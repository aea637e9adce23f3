// Webex payloads → the small shapes the cards render.
import type { WebexLocationTransferNumbers, WebexPerson, WebexTransferNumbers, WebexWorkspace } from '../webex/types';
import type { PersonSummary, TransferNumberSlots, TransferNumbersView } from './types';

export function summarizePerson(p: WebexPerson): PersonSummary {
  return {
    id: p.id,
    displayName: (p.displayName ?? '').trim() || [p.firstName, p.lastName].filter(Boolean).join(' ') || (p.emails?.[0] ?? p.id),
    email: p.emails?.[0] ?? '',
    orgId: p.orgId ?? '',
  };
}

export function summarizeWorkspace(w: WebexWorkspace): PersonSummary {
  const name = typeof w.displayName === 'string' ? w.displayName.trim() : '';
  return { id: w.id, displayName: name || w.id, email: '', orgId: typeof w.orgId === 'string' ? w.orgId : '', kind: 'workspace' };
}

/** null, absent, "" and whitespace all mean "not set". */
export function normalizeTransferNumbers(t: WebexTransferNumbers): TransferNumbersView {
  return { useCustomTransferNumbers: t?.useCustomTransferNumbers === true, numbers: numberSlots(t) };
}

/** autoTransferNumber1..3 (a person's, a workspace's or a location's) as slots. */
export function numberSlots(t: WebexLocationTransferNumbers | undefined): TransferNumberSlots {
  const clean = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return [clean(t?.autoTransferNumber1), clean(t?.autoTransferNumber2), clean(t?.autoTransferNumber3)];
}
