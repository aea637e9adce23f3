// The arithmetic of an edit: applying a change to the settings, comparing two states, and the body of
// the PUT that turns one into the other. Pure.
import type { EditChange } from '../commands/types';
import type { TransferNumberSlots, TransferNumbersView } from '../lookup/types';
import type { TransferNumbersPatch } from '../webex/types';

export function applyChange(before: TransferNumbersView, change: EditChange): TransferNumbersView {
  switch (change.kind) {
    case 'useCustom':
      return { useCustomTransferNumbers: change.on, numbers: [...before.numbers] as TransferNumberSlots };
    case 'setNumber':
    case 'clearNumber': {
      const numbers = [...before.numbers] as TransferNumberSlots;
      numbers[change.slot - 1] = change.kind === 'setNumber' ? change.number : null;
      // A number typed for someone whose location's numbers apply would change nothing they dial:
      // setting one turns their own numbers on too (the card shows it before anything is written).
      return { useCustomTransferNumbers: change.kind === 'setNumber' ? true : before.useCustomTransferNumbers, numbers };
    }
  }
}

export function sameState(a: TransferNumbersView, b: TransferNumbersView): boolean {
  return a.useCustomTransferNumbers === b.useCustomTransferNumbers && a.numbers.every((n, i) => n === b.numbers[i]);
}

/**
 * The PUT body from `before` to `after`: useCustomTransferNumbers always (the reference requires it),
 * and only the numbers that change ("" clears one), so a field nobody asked to change is left alone.
 */
export function patchBetween(before: TransferNumbersView, after: TransferNumbersView): TransferNumbersPatch {
  const patch: TransferNumbersPatch = { useCustomTransferNumbers: after.useCustomTransferNumbers };
  const keys = ['autoTransferNumber1', 'autoTransferNumber2', 'autoTransferNumber3'] as const;
  after.numbers.forEach((number, i) => {
    if (number !== before.numbers[i]) patch[keys[i]] = number ?? '';
  });
  return patch;
}
