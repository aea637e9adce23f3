// Webex payloads → the small shapes the cards render.
import type { WebexPerson, WebexTransferNumbers } from '../webex/types';
import type { PersonSummary, TransferNumbersView } from './types';

export function summarizePerson(p: WebexPerson): PersonSummary {
  return {
    id: p.id,
    displayName: (p.displayName ?? '').trim() || [p.firstName, p.lastName].filter(Boolean).join(' ') || (p.emails?.[0] ?? p.id),
    email: p.emails?.[0] ?? '',
    orgId: p.orgId ?? '',
  };
}

/** null, absent, "" and whitespace all mean "not set". */
export function normalizeTransferNumbers(t: WebexTransferNumbers): TransferNumbersView {
  const clean = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return {
    useCustomTransferNumbers: t.useCustomTransferNumbers === true,
    numbers: [clean(t.autoTransferNumber1), clean(t.autoTransferNumber2), clean(t.autoTransferNumber3)],
  };
}
