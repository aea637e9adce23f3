// An edit's change as one short string, for the pick buttons of an edit whose target named several
// people: the button carries the change, so pressing it proposes that change for the one picked.
// Pure; shared by the card that writes the code and the parser that reads it back.
import { parsePhoneQuery } from './phone-query';
import type { EditChange, EditSlot } from './types';

/** `set:<slot>:<E.164>`, `clear:<slot>`, `custom:on` or `custom:off`. */
export function editChangeCode(change: EditChange): string {
  switch (change.kind) {
    case 'setNumber':
      return `set:${change.slot}:${change.number}`;
    case 'clearNumber':
      return `clear:${change.slot}`;
    case 'useCustom':
      return change.on ? 'custom:on' : 'custom:off';
  }
}

const SET = /^set:([123]):(\+[1-9]\d{1,14})$/;
const CLEAR = /^clear:([123])$/;

/** The change a code names; undefined for anything our cards do not write. */
export function parseEditChangeCode(code: string): EditChange | undefined {
  const set = SET.exec(code);
  // Only a number libphonenumber finds valid, as when it is typed, and written as it would store it.
  if (set) {
    const number = parsePhoneQuery(set[2]);
    return number.ok && number.number.e164 === set[2] ? { kind: 'setNumber', slot: Number(set[1]) as EditSlot, number: set[2] } : undefined;
  }
  const clear = CLEAR.exec(code);
  if (clear) return { kind: 'clearNumber', slot: Number(clear[1]) as EditSlot };
  if (code === 'custom:on' || code === 'custom:off') return { kind: 'useCustom', on: code === 'custom:on' };
  return undefined;
}
