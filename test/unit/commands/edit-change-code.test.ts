import { strict as assert } from 'node:assert';
import { editChangeCode, parseEditChangeCode } from '../../../src/commands/edit-change-code';
import type { EditChange } from '../../../src/commands/types';

describe('commands/edit-change-code', () => {
  it('writes each change as a short code and reads it back as the same change', () => {
    const changes: Array<[EditChange, string]> = [
      [{ kind: 'setNumber', slot: 2, number: '+12055550142' }, 'set:2:+12055550142'],
      [{ kind: 'clearNumber', slot: 3 }, 'clear:3'],
      [{ kind: 'useCustom', on: true }, 'custom:on'],
      [{ kind: 'useCustom', on: false }, 'custom:off'],
    ];
    for (const [change, code] of changes) {
      assert.equal(editChangeCode(change), code);
      assert.deepEqual(parseEditChangeCode(code), change);
    }
  });

  it('reads nothing our cards do not write: a slot other than 1 to 3, a number not in E.164 or not valid, anything else', () => {
    for (const code of ['', 'set:4:+12055550142', 'set:0:+12055550142', 'set:1:12055550142', 'set:1:+1 205 555 0142', 'set:1:+0205', 'set:1:', 'clear:0', 'clear:12', 'custom:maybe', 'CUSTOM:ON', ' custom:on', 'set:1:+12055550142\n', 'set:1:+10', 'set:1:+999999999']) {
      assert.equal(parseEditChangeCode(code), undefined, JSON.stringify(code));
    }
  });
});
