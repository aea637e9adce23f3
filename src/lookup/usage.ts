// Which call types send calls to which transfer number, and what does not add up.
import type { WebexOutgoingPermission } from '../webex/types';
import type { SlotUsage, TransferNumbersView, TransferUsage } from './types';

const TRANSFER_ACTION = /^TRANSFER_NUMBER_([123])$/;

/** The call types per slot from the permissions, and the flags (see SlotFlag) from both. */
export function transferUsage(transfer: TransferNumbersView, permission: WebexOutgoingPermission): TransferUsage {
  const callTypes: [string[], string[], string[]] = [[], [], []];
  const permissions = Array.isArray(permission?.callingPermissions) ? permission.callingPermissions : [];
  for (const entry of permissions) {
    const callType = typeof entry?.callType === 'string' ? entry.callType.trim() : '';
    const slot = typeof entry?.action === 'string' ? TRANSFER_ACTION.exec(entry.action) : null;
    if (!callType || !slot) continue;
    const list = callTypes[Number(slot[1]) - 1];
    if (!list.includes(callType)) list.push(callType);
  }
  const slotUsage = (i: 0 | 1 | 2): SlotUsage => {
    const usage: SlotUsage = { callTypes: callTypes[i] };
    // With the location's numbers in effect, the person's own numbers neither serve nor miss anything.
    if (transfer.useCustomTransferNumbers !== true) return usage;
    const isSet = transfer.numbers[i] !== null;
    if (isSet && usage.callTypes.length === 0) usage.flag = 'numberNotUsed';
    if (!isSet && usage.callTypes.length > 0) usage.flag = 'numberNotSet';
    return usage;
  };
  return { slots: [slotUsage(0), slotUsage(1), slotUsage(2)] };
}
