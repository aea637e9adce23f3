import { strict as assert } from 'node:assert';
import { applyChange, patchBetween, sameState } from '../../../src/edit/state';
import type { TransferNumbersView } from '../../../src/lookup/types';

const own: TransferNumbersView = { useCustomTransferNumbers: true, numbers: ['+12055550101', '+12055550102', null] };
const following: TransferNumbersView = { useCustomTransferNumbers: false, numbers: [null, null, null] };

describe('edit/state', () => {
  it('sets and clears one number, leaving the others', () => {
    assert.deepEqual(applyChange(own, { kind: 'setNumber', slot: 3, number: '+12055550103' }), { useCustomTransferNumbers: true, numbers: ['+12055550101', '+12055550102', '+12055550103'] });
    assert.deepEqual(applyChange(own, { kind: 'clearNumber', slot: 1 }), { useCustomTransferNumbers: true, numbers: [null, '+12055550102', null] });
    assert.deepEqual(own.numbers, ['+12055550101', '+12055550102', null], 'the state given is not changed');
  });

  it("turns custom numbers on when a number is set for someone whose location's apply, and only then", () => {
    assert.deepEqual(applyChange(following, { kind: 'setNumber', slot: 1, number: '+12055550101' }), { useCustomTransferNumbers: true, numbers: ['+12055550101', null, null] });
    assert.deepEqual(applyChange(following, { kind: 'clearNumber', slot: 1 }), following);
    assert.deepEqual(applyChange(own, { kind: 'useCustom', on: false }), { useCustomTransferNumbers: false, numbers: own.numbers });
  });

  it('compares states field by field', () => {
    assert.equal(sameState(own, { useCustomTransferNumbers: true, numbers: ['+12055550101', '+12055550102', null] }), true);
    assert.equal(sameState(own, { ...own, useCustomTransferNumbers: false }), false);
    assert.equal(sameState(own, { ...own, numbers: ['+12055550101', '+12055550102', '+1'] }), false);
  });

  it('PUTs useCustomTransferNumbers always and only the numbers that change ("" clears one)', () => {
    assert.deepEqual(patchBetween(own, applyChange(own, { kind: 'clearNumber', slot: 2 })), { useCustomTransferNumbers: true, autoTransferNumber2: '' });
    assert.deepEqual(patchBetween(own, applyChange(own, { kind: 'useCustom', on: false })), { useCustomTransferNumbers: false });
    assert.deepEqual(patchBetween(following, applyChange(following, { kind: 'setNumber', slot: 3, number: '+12055550103' })), { useCustomTransferNumbers: true, autoTransferNumber3: '+12055550103' });
  });
});
