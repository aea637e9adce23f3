// Which call types send calls to which transfer number, and what does not add up: both judged on what
// is in effect (the numbers that apply, the permissions that apply).
import type { WebexCallingPermission } from '../webex/types';
import type { SlotUsage, TransferNumberSlots, TransferUsage } from './types';

const TRANSFER_ACTION = /^TRANSFER_NUMBER_([123])$/;

/**
 * The call types per slot from the permissions, and the flags (see SlotFlag) from both. `numbers` is
 * null when the numbers in effect are not known (the location's could not be read): no flags then.
 */
export function transferUsage(numbers: TransferNumberSlots | null, permission: { callingPermissions?: WebexCallingPermission[] } | undefined): TransferUsage {
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
    if (numbers === null) return usage;
    const isSet = numbers[i] !== null;
    if (isSet && usage.callTypes.length === 0) usage.flag = 'numberNotUsed';
    if (!isSet && usage.callTypes.length > 0) usage.flag = 'numberNotSet';
    return usage;
  };
  return { slots: [slotUsage(0), slotUsage(1), slotUsage(2)] };
}
