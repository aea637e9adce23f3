// One person's or workspace's transfer numbers read again for a reverse answer (reverse-live.ts): their
// own (indexed), or none of their own because they follow their location.
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import { normalizeTransferNumbers } from './normalize';
import type { AdminApi, CallOptions } from './ports';
import { type CallingEntity, type IndexedPerson, indexNumbers } from './reverse-parts';

export type EntityRead = { kind: 'read'; entry: IndexedPerson } | { kind: 'follower'; locationId: string } | { kind: 'none' } | { kind: 'failed'; error: WebexApiError };

/**
 * One person's or workspace's numbers; 'follower' when their custom numbers are off (their location's
 * apply); 'none' when they have no calling settings (404) or follow a location Webex did not name.
 * Rejects on anything but a WebexApiError.
 */
export async function readEntityNumbers(admin: Pick<AdminApi, 'getTransferNumbers' | 'getWorkspaceTransferNumbers'>, entity: CallingEntity, call: CallOptions, defaultCountry?: string): Promise<EntityRead> {
  try {
    const id = entity.summary.id;
    const raw = entity.summary.kind === 'workspace' ? await admin.getWorkspaceTransferNumbers(id, call) : await admin.getTransferNumbers(id, call);
    const transfer = normalizeTransferNumbers(raw);
    if (!transfer.useCustomTransferNumbers) return entity.locationId ? { kind: 'follower', locationId: entity.locationId } : { kind: 'none' };
    return { kind: 'read', entry: { person: entity.summary, numbers: indexNumbers(transfer.numbers, defaultCountry) } };
  } catch (err) {
    if (!isWebexApiError(err)) throw err;
    // 404: listed with a location but without calling settings; nothing to match.
    return err.status === 404 ? { kind: 'none' } : { kind: 'failed', error: err };
  }
}
