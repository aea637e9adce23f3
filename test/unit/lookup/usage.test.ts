import { strict as assert } from 'node:assert';
import { transferUsage } from '../../../src/lookup/usage';
import type { TransferNumberSlots } from '../../../src/lookup/types';
import type { WebexOutgoingPermission } from '../../../src/webex/types';

/** The numbers in effect (the person's own or their location's: transferUsage does not care which). */
function view(numbers: TransferNumberSlots): TransferNumberSlots {
  return numbers;
}

function permissions(entries: [string, string][]): WebexOutgoingPermission {
  return { callingPermissions: entries.map(([callType, action]) => ({ callType, action })) };
}

describe('lookup/transferUsage', () => {
  it('lists the call types per slot in Webex order, ignoring ALLOW, BLOCK and AUTH_CODE', () => {
    const usage = transferUsage(
      view(['+1', '+2', '+3']),
      permissions([
        ['INTERNATIONAL', 'TRANSFER_NUMBER_1'],
        ['OPERATOR_ASSISTED', 'BLOCK'],
        ['PREMIUM_SERVICES_II', 'TRANSFER_NUMBER_2'],
        ['PREMIUM_SERVICES_I', 'TRANSFER_NUMBER_2'],
        ['TOLL_FREE', 'ALLOW'],
        ['NATIONAL', 'AUTH_CODE'],
        ['CHARGEABLE_DIRECTORY_ASSISTED', 'TRANSFER_NUMBER_3'],
      ]),
    );
    assert.deepEqual(usage, {
      slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: ['PREMIUM_SERVICES_II', 'PREMIUM_SERVICES_I'] }, { callTypes: ['CHARGEABLE_DIRECTORY_ASSISTED'] }],
    });
  });

  it('flags a number no call type uses, and a slot calls go to without a number', () => {
    const usage = transferUsage(view(['+1', null, null]), permissions([['NATIONAL', 'TRANSFER_NUMBER_3']]));
    assert.deepEqual(usage.slots, [
      { callTypes: [], flag: 'numberNotUsed' },
      { callTypes: [] },
      { callTypes: ['NATIONAL'], flag: 'numberNotSet' },
    ]);
  });

  it('flags nothing while the numbers in effect are not known (the location\'s could not be read)', () => {
    const usage = transferUsage(null, permissions([['NATIONAL', 'TRANSFER_NUMBER_3']]));
    assert.deepEqual(usage.slots, [{ callTypes: [] }, { callTypes: [] }, { callTypes: ['NATIONAL'] }]);
  });

  it('keeps unknown call types, drops duplicates and entries that are not usable', () => {
    const raw = {
      callingPermissions: [
        { callType: 'FUTURE_CALL_TYPE', action: 'TRANSFER_NUMBER_1' },
        { callType: 'FUTURE_CALL_TYPE', action: 'TRANSFER_NUMBER_1' },
        { callType: 42, action: 'TRANSFER_NUMBER_1' },
        { callType: 'INTERNATIONAL', action: 'TRANSFER_NUMBER_4' },
        { callType: 'LOCAL', action: null },
        null,
      ],
    } as unknown as WebexOutgoingPermission;
    assert.deepEqual(transferUsage(view(['+1', null, null]), raw).slots[0], { callTypes: ['FUTURE_CALL_TYPE'] });
  });

  it('reads a body without callingPermissions as "nothing transfers anywhere"', () => {
    assert.deepEqual(transferUsage(view([null, '+2', null]), {}).slots, [{ callTypes: [] }, { callTypes: [], flag: 'numberNotUsed' }, { callTypes: [] }]);
  });
});
