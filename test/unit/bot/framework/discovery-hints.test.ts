// Discovery hints on a fake SDK: the framework's discovery calls for a space a signed event just told
// us about are answered without Webex; everything else still asks Webex.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { SdkInstance } from '../../../../src/bot/framework/call-policy';
import { answerDiscoveryFromHints } from '../../../../src/bot/framework/discovery-hints';
import { SpaceHints } from '../../../../src/bot/framework/space-hints';
import { call, fakeSdk } from './fake-sdk';

/** The SDK's own methods, kept before the hints wrap them. */
function stubsOf(sdk: SdkInstance) {
  return {
    roomsGet: sdk.rooms.get as sinon.SinonStub,
    membershipsList: sdk.memberships.list as sinon.SinonStub,
    membershipsGet: sdk.memberships.get as sinon.SinonStub,
  };
}

const bot = () => ({ id: 'P-bot', email: 'bot@webex.bot', displayName: 'Bot' });

describe('bot/framework/discovery-hints', () => {
  it('answers the room, the bot’s membership and the 1:1’s members from what the event said', async () => {
    const sdk = fakeSdk();
    const { roomsGet, membershipsList } = stubsOf(sdk);
    const hints = new SpaceHints();
    hints.remember({ roomId: 'R-new', roomType: 'direct', sender: { personId: 'P-agent', personEmail: 'agent@example.com' } });
    answerDiscoveryFromHints(sdk, hints, bot);

    const room = await call<{ id: string; type: string }>(sdk, 'rooms', 'get', 'R-new');
    assert.deepEqual([room.id, room.type], ['R-new', 'direct']);
    const mine = await call<{ items: Array<{ personId: string }> }>(sdk, 'memberships', 'list', { roomId: 'R-new', personId: 'P-bot' });
    assert.deepEqual(mine.items.map((m) => m.personId), ['P-bot']);
    const members = await call<{ items: Array<{ personEmail: string }> }>(sdk, 'memberships', 'list', { roomId: 'R-new' });
    assert.deepEqual(members.items.map((m) => m.personEmail), ['bot@webex.bot', 'agent@example.com']);
    assert.equal(roomsGet.callCount, 0);
    assert.equal(membershipsList.callCount, 0);
  });

  it('answers a membership GET from the membership event that carried it, once', async () => {
    const sdk = fakeSdk();
    const { membershipsGet } = stubsOf(sdk);
    const hints = new SpaceHints();
    hints.rememberMembership({ id: 'MB-1', roomId: 'R1', personId: 'P-new' });
    answerDiscoveryFromHints(sdk, hints, bot);
    assert.deepEqual(await call(sdk, 'memberships', 'get', 'MB-1'), { id: 'MB-1', roomId: 'R1', personId: 'P-new' });
    assert.equal(membershipsGet.callCount, 0);
    await call(sdk, 'memberships', 'get', 'MB-1');
    assert.equal(membershipsGet.callCount, 1);
  });

  it('asks Webex for spaces it has no hint of, and before the bot knows who it is', async () => {
    const sdk = fakeSdk();
    const { roomsGet, membershipsList } = stubsOf(sdk);
    const hints = new SpaceHints();
    hints.remember({ roomId: 'R-new', roomType: 'group' });
    let me: { id?: string; email?: string } = {};
    answerDiscoveryFromHints(sdk, hints, () => me);
    await call(sdk, 'rooms', 'get', 'R-other');
    assert.deepEqual(roomsGet.firstCall.args, ['R-other']);
    await call(sdk, 'memberships', 'list', { roomId: 'R-new', personId: 'P-bot' });
    assert.equal(membershipsList.callCount, 1, 'the bot’s identity is not known yet');
    me = bot();
    await call(sdk, 'memberships', 'list', { roomId: 'R-new', personId: 'P-bot' });
    assert.equal(membershipsList.callCount, 1);
  });
});
