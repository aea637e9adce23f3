import { strict as assert } from 'node:assert';
import { SpaceHints } from '../../../../src/bot/framework/space-hints';

const bot = { id: 'BOT', email: 'bot@webex.bot', displayName: 'Transfer Bot' };

describe('bot/framework/SpaceHints', () => {
  it('answers the discovery calls for a 1:1 from what the event said, the member list only once', () => {
    const hints = new SpaceHints();
    hints.remember({ roomId: 'R1', roomType: 'direct', sender: { personId: 'P1', personEmail: 'dana@example.com' } });
    const mine = hints.botMembership({ roomId: 'R1', personId: 'BOT' }, bot);
    assert.deepEqual(
      mine?.items.map((m) => (m as { personId: string }).personId),
      ['BOT'],
    );
    assert.deepEqual(hints.room('R1'), { id: 'R1', type: 'direct', title: '', isLocked: false });
    const members = hints.directMembers({ roomId: 'R1' }, bot);
    assert.equal(members?.length, 2);
    assert.deepEqual(
      members?.items.map((m) => (m as { personEmail: string }).personEmail),
      ['bot@webex.bot', 'dana@example.com'],
    );
    assert.equal(hints.directMembers({ roomId: 'R1' }, bot), undefined, 'used once');
  });

  it('knows nothing about spaces it was not told of, other people, or the members of a group', () => {
    const hints = new SpaceHints();
    hints.remember({ roomId: 'G1', roomType: 'group', sender: { personId: 'P1', personEmail: 'dana@example.com' } });
    assert.equal(hints.botMembership({ roomId: 'R9', personId: 'BOT' }, bot), undefined);
    assert.equal(hints.botMembership({ roomId: 'G1', personId: 'P1' }, bot), undefined);
    assert.equal(hints.directMembers({ roomId: 'G1' }, bot), undefined, 'a group listing goes to Webex');
    assert.equal(hints.directMembers({ roomId: 'G1', personId: 'P1' }, bot), undefined);
    assert.equal(hints.room(42), undefined);
  });

  it('hands out a membership a webhook carried once, by id', () => {
    const hints = new SpaceHints();
    hints.rememberMembership({ id: 'M1', roomId: 'G1', personId: 'P2', personEmail: 'sam@example.com' });
    hints.rememberMembership({ id: 'M2', roomId: 'G1' });
    assert.equal((hints.membership('M1') as { personId: string }).personId, 'P2');
    assert.equal(hints.membership('M1'), undefined);
    assert.equal(hints.membership('M2'), undefined, 'an incomplete membership is not remembered');
  });
});
