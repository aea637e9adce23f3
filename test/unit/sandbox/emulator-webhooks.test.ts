import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { createEmulator, SEED_EMAILS, SEED_ORG, type Emulator } from '../../../sandbox/emulator';
import type { WebexMessage } from '../../../src/webex/types';
import { call, startHookReceiver, type HookReceiver } from './emulator-test-kit';

const CARD = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.3', body: [] } };

describe('webex emulator: webhooks', () => {
  let emu: Emulator;
  let base: string;
  let receiver: HookReceiver;

  beforeEach(async () => {
    emu = createEmulator();
    base = await emu.listen();
    receiver = await startHookReceiver();
  });
  afterEach(async () => {
    await emu.close();
    await receiver.close();
  });

  async function createHook(body: Record<string, unknown>, token = emu.tokens.bot): Promise<Record<string, unknown>> {
    const r = await call('POST', `${base}/webhooks`, { token, body: { name: 'hook', targetUrl: receiver.url, ...body } });
    assert.equal(r.status, 200, r.raw);
    return r.body as Record<string, unknown>;
  }
  const botFirehose = () => createHook({ name: 'firehose', resource: 'all', event: 'all', secret: 'shh' });
  const received = () => receiver.received.map((h) => `${h.body.resource}/${h.body.event}`);

  describe('CRUD', () => {
    it('creates, lists, reads, updates and deletes the caller’s own webhooks', async () => {
      const hook = await createHook({ resource: 'messages', event: 'created', filter: `roomId=${emu.rooms.direct}` });
      assert.equal(hook.ownedBy, 'creator');
      assert.equal(hook.status, 'active');
      assert.equal(hook.createdBy, emu.bot.id);
      const list = await call('GET', `${base}/webhooks`, { token: emu.tokens.bot });
      assert.deepEqual((list.body as { items: unknown[] }).items, [hook]);
      const others = await call('GET', `${base}/webhooks`, { token: emu.tokens.admin });
      assert.deepEqual((others.body as { items: unknown[] }).items, []);
      const updated = await call('PUT', `${base}/webhooks/${hook.id}`, { token: emu.tokens.bot, body: { name: 'renamed', targetUrl: receiver.url, status: 'inactive' } });
      assert.deepEqual([(updated.body as { name: string }).name, (updated.body as { status: string }).status], ['renamed', 'inactive']);
      assert.equal((await call('GET', `${base}/webhooks/${hook.id}`, { token: emu.tokens.bot })).status, 200);
      assert.equal((await call('DELETE', `${base}/webhooks/${hook.id}`, { token: emu.tokens.bot })).status, 204);
      assert.equal((await call('GET', `${base}/webhooks/${hook.id}`, { token: emu.tokens.bot })).status, 404);
    });

    it('answers 400 to a missing targetUrl, an unknown resource, or all/created', async () => {
      const bad = [
        { name: 'x', resource: 'messages', event: 'created' },
        { name: 'x', targetUrl: receiver.url, resource: 'spaces', event: 'created' },
        { name: 'x', targetUrl: receiver.url, resource: 'all', event: 'created' },
        { name: 'x', targetUrl: 'not a url', resource: 'messages', event: 'created' },
      ];
      for (const body of bad) assert.equal((await call('POST', `${base}/webhooks`, { token: emu.tokens.bot, body })).status, 400, JSON.stringify(body));
    });
  });

  describe('delivery', () => {
    it('posts the exact Webex envelope, signed over the exact bytes with the secret', async () => {
      const hook = await botFirehose();
      const message = await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.direct, text: 'transfer numbers for alice@example.com' });
      await emu.deliveriesSettled();

      assert.equal(receiver.received.length, 1);
      const [delivery] = receiver.received;
      assert.equal(delivery.headers['content-type'], 'application/json');
      assert.equal(delivery.headers['x-spark-signature'], createHmac('sha1', 'shh').update(delivery.raw).digest('hex'));
      assert.deepEqual(delivery.body, {
        id: hook.id,
        name: 'firehose',
        targetUrl: receiver.url,
        resource: 'messages',
        event: 'created',
        orgId: SEED_ORG.id,
        createdBy: emu.bot.id,
        appId: hook.appId,
        ownedBy: 'creator',
        status: 'active',
        created: hook.created,
        actorId: emu.people.id(SEED_EMAILS.agent),
        data: {
          id: message.id,
          roomId: emu.rooms.direct,
          roomType: 'direct',
          personId: emu.people.id(SEED_EMAILS.agent),
          personEmail: SEED_EMAILS.agent,
          created: message.created,
        },
      });
      assert.deepEqual(
        emu.deliveries.map((d) => [d.resource, d.event, d.targetUrl, d.statusCode, d.error]),
        [['messages', 'created', receiver.url, 200, undefined]],
      );
    });

    it('sends no signature header when the webhook has no secret', async () => {
      await createHook({ resource: 'messages', event: 'created' });
      await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.direct, text: 'hi' });
      await emu.deliveriesSettled();
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0].headers['x-spark-signature'], undefined);
    });

    it('in a group space, delivers only messages that mention the bot, plus the bot’s own posts', async () => {
      await botFirehose();
      await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.helpDesk, text: 'chatting with Sam, not the bot' });
      const mentioned = await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.helpDesk, text: 'help', mentionBot: true });
      const own = await call('POST', `${base}/messages`, { token: emu.tokens.bot, body: { roomId: emu.rooms.helpDesk, markdown: 'reply' } });
      await emu.deliveriesSettled();
      const ids = receiver.received.map((h) => (h.body.data as { id: string }).id).sort();
      assert.deepEqual(ids, [mentioned.id, (own.body as WebexMessage).id].sort());
      const mentionDelivery = receiver.received.find((h) => (h.body.data as { id: string }).id === mentioned.id);
      assert.deepEqual((mentionDelivery?.body.data as { mentionedPeople: string[] }).mentionedPeople, [emu.bot.id]);
    });

    it('delivers nothing from rooms the bot is not in', async () => {
      await botFirehose();
      await call('POST', `${base}/messages`, { token: emu.tokens.user(SEED_EMAILS.alice), body: { toPersonEmail: SEED_EMAILS.bob, text: 'private' } });
      await emu.deliveriesSettled();
      assert.deepEqual(received(), []);
    });

    it('sends card submits to the attachmentActions webhook only, not the firehose', async () => {
      await botFirehose();
      const cards = await createHook({ name: 'cards', resource: 'attachmentActions', event: 'created', secret: 'shh' });
      const card = await call('POST', `${base}/messages`, { token: emu.tokens.bot, body: { roomId: emu.rooms.direct, markdown: 'card', attachments: [CARD] } });
      await emu.deliveriesSettled();
      receiver.received.splice(0);
      const action = await emu.submit({ from: SEED_EMAILS.agent, messageId: (card.body as WebexMessage).id, inputs: { target: 'alice' } });
      await emu.deliveriesSettled();
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0].body.id, cards.id);
      assert.deepEqual(receiver.received[0].body.data, {
        id: action.id,
        type: 'submit',
        messageId: (card.body as WebexMessage).id,
        personId: emu.people.id(SEED_EMAILS.agent),
        roomId: emu.rooms.direct,
        created: action.created,
      });
    });

    it('announces a new member of a room the bot is in', async () => {
      await botFirehose();
      const membership = await emu.addMember({ roomId: emu.rooms.helpDesk, email: SEED_EMAILS.alice });
      await emu.deliveriesSettled();
      assert.deepEqual(received(), ['memberships/created']);
      assert.deepEqual(receiver.received[0].body.data, {
        id: membership.id,
        roomId: emu.rooms.helpDesk,
        roomType: 'group',
        personId: emu.people.id(SEED_EMAILS.alice),
        personEmail: SEED_EMAILS.alice,
        personDisplayName: 'Alice Anderson',
        personOrgId: SEED_ORG.id,
        isModerator: false,
        isMonitor: false,
        created: membership.created,
      });
    });

    it('announces the removal of the bot itself', async () => {
      await botFirehose();
      const botMembership = (await call('GET', `${base}/memberships?roomId=${emu.rooms.helpDesk}&personId=${emu.bot.id}`, { token: emu.tokens.bot }))
        .body as { items: { id: string }[] };
      await call('DELETE', `${base}/memberships/${botMembership.items[0].id}`, { token: emu.tokens.bot });
      await emu.deliveriesSettled();
      assert.deepEqual(received(), ['memberships/deleted']);
    });

    it('applies a webhook filter', async () => {
      await createHook({ resource: 'messages', event: 'created', filter: `roomId=${emu.rooms.partner}` });
      await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.direct, text: 'direct' });
      const partner = await emu.say({ from: SEED_EMAILS.olga, roomId: emu.rooms.partner, text: 'escalation', mentionBot: true });
      await emu.deliveriesSettled();
      assert.deepEqual(receiver.received.map((h) => (h.body.data as { id: string }).id), [partner.id]);
      assert.equal(receiver.received[0].body.filter, `roomId=${emu.rooms.partner}`);
    });

    it('records the receiver status and failures', async () => {
      await botFirehose();
      receiver.status = 500;
      await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.direct, text: 'one' });
      await emu.deliveriesSettled();
      await receiver.close();
      await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.direct, text: 'two' });
      await emu.deliveriesSettled();
      assert.equal(emu.deliveries[0].statusCode, 500);
      assert.equal(emu.deliveries[1].statusCode, undefined);
      assert.match(String(emu.deliveries[1].error), /ECONNREFUSED/);
    });
  });
});
