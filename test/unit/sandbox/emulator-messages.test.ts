import { strict as assert } from 'node:assert';
import { createEmulator, SEED_EMAILS, type Emulator } from '../../../sandbox/emulator';
import type { WebexAttachmentAction, WebexMembership, WebexMessage } from '../../../src/webex/types';
import { call } from './emulator-test-kit';

const CARD = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Hi' }], actions: [{ type: 'Action.Submit', title: 'Go' }] },
};

describe('webex emulator: messages, rooms, memberships, card submits', () => {
  let emu: Emulator;
  let base: string;
  let agentToken: string;

  beforeEach(async () => {
    emu = createEmulator();
    base = await emu.listen();
    agentToken = emu.tokens.user(SEED_EMAILS.agent);
  });
  afterEach(() => emu.close());

  const post = (token: string, body: unknown) => call('POST', `${base}/messages`, { token, body });
  const errorOf = (r: { body: unknown }) => (r.body as { message: string }).message;

  describe('POST /messages', () => {
    it('stores a bot post as sent and GET /messages/{id} returns it', async () => {
      const created = await post(emu.tokens.bot, { roomId: emu.rooms.direct, markdown: '**Alice** has 3 numbers', attachments: [CARD] });
      assert.equal(created.status, 200);
      const message = created.body as WebexMessage;
      assert.equal(message.markdown, '**Alice** has 3 numbers');
      assert.deepEqual(message.attachments, [CARD]);
      assert.equal(message.roomType, 'direct');
      assert.equal(message.personEmail, SEED_EMAILS.bot);
      const fetched = await call('GET', `${base}/messages/${message.id}`, { token: agentToken });
      assert.deepEqual(fetched.body, message);
    });

    it('turns a user mention into text, mentionedPeople and a spark-mention in html', async () => {
      const botId = emu.bot.id;
      const r = await post(agentToken, { roomId: emu.rooms.helpDesk, markdown: `<@personId:${botId}|Transfer Bot> transfer numbers for alice@example.com` });
      const message = r.body as WebexMessage;
      assert.equal(message.text, 'Transfer Bot transfer numbers for alice@example.com');
      assert.deepEqual(message.mentionedPeople, [botId]);
      assert.equal(
        message.html,
        `<p><spark-mention data-object-type="person" data-object-id="${botId}">Transfer Bot</spark-mention> transfer numbers for alice@example.com</p>`,
      );
    });

    it('resolves personEmail mentions too', async () => {
      const r = await post(agentToken, { roomId: emu.rooms.helpDesk, markdown: `ask <@personEmail:${SEED_EMAILS.colleague}|Sam>` });
      const message = r.body as WebexMessage;
      assert.equal(message.text, 'ask Sam');
      assert.deepEqual(message.mentionedPeople, [emu.people.id(SEED_EMAILS.colleague)]);
    });

    it('say() with mentionBot produces the same shape a client would', async () => {
      const message = await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.helpDesk, text: 'help', mentionBot: true });
      assert.equal(message.text, 'Transfer Bot help');
      assert.deepEqual(message.mentionedPeople, [emu.bot.id]);
    });

    it('toPersonEmail finds the existing direct room', async () => {
      const r = await post(emu.tokens.bot, { toPersonEmail: SEED_EMAILS.agent, markdown: 'hello' });
      assert.equal((r.body as WebexMessage).roomId, emu.rooms.direct);
      assert.equal((r.body as { toPersonEmail?: string }).toPersonEmail, SEED_EMAILS.agent);
    });

    it('toPersonId creates a direct room with the person when there is none', async () => {
      const r = await post(emu.tokens.bot, { toPersonId: emu.people.id(SEED_EMAILS.colleague), markdown: 'hi Sam' });
      const roomId = (r.body as WebexMessage).roomId;
      assert.ok(!Object.values(emu.rooms).includes(roomId));
      const room = await call('GET', `${base}/rooms/${roomId}`, { token: emu.tokens.user(SEED_EMAILS.colleague) });
      assert.deepEqual([(room.body as { type: string }).type, (room.body as { title: string }).title], ['direct', 'Transfer Bot']);
      const again = await post(emu.tokens.bot, { toPersonEmail: SEED_EMAILS.colleague, markdown: 'again' });
      assert.equal((again.body as WebexMessage).roomId, roomId);
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['no destination', { markdown: 'x' }, 'Exactly one of roomId, toPersonId or toPersonEmail must be specified.'],
      ['two destinations', { roomId: 'r', toPersonEmail: 'a@b.c', markdown: 'x' }, 'Exactly one of roomId, toPersonId or toPersonEmail must be specified.'],
      ['a card without fallback words', { attachments: [CARD] }, 'A text or markdown fallback is required when attachments are present.'],
      ['two cards', { markdown: 'x', attachments: [CARD, CARD] }, 'Only one attachment per message is supported.'],
      ['a non-card attachment', { markdown: 'x', attachments: [{ contentType: 'image/png', content: {} }] }, 'Attachment contentType must be application/vnd.microsoft.card.adaptive.'],
      ['card content that is not an AdaptiveCard', { markdown: 'x', attachments: [{ ...CARD, content: { type: 'Card' } }] }, 'Attachment content must be an Adaptive Card (type AdaptiveCard).'],
      ['markdown over 7439 bytes', { markdown: 'é'.repeat(3720) }, 'markdown exceeds the maximum length of 7439 bytes.'],
      ['nothing to say', {}, 'A message needs text, markdown, an attachment or a file.'],
    ];
    for (const [what, body, message] of invalid) {
      it(`answers 400 to ${what}`, async () => {
        const destination = 'roomId' in body || 'toPersonEmail' in body || what === 'no destination' ? {} : { roomId: emu.rooms.direct };
        const r = await post(emu.tokens.bot, { ...destination, ...body });
        assert.equal(r.status, 400);
        assert.equal(errorOf(r), message);
      });
    }

    it('accepts markdown of exactly 7439 bytes', async () => {
      const r = await post(emu.tokens.bot, { roomId: emu.rooms.direct, markdown: 'a'.repeat(7439) });
      assert.equal(r.status, 200);
    });

    it('answers 404 when the caller is not in the room', async () => {
      const r = await post(emu.tokens.user(SEED_EMAILS.alice), { roomId: emu.rooms.helpDesk, text: 'hi' });
      assert.equal(r.status, 404);
    });
  });

  describe('GET /messages', () => {
    it('lists newest first and pages with beforeMessage', async () => {
      for (const text of ['one', 'two', 'three']) await emu.say({ from: SEED_EMAILS.agent, roomId: emu.rooms.direct, text });
      const first = await call('GET', `${base}/messages?roomId=${emu.rooms.direct}&max=2`, { token: agentToken });
      assert.deepEqual((first.body as { items: WebexMessage[] }).items.map((m) => m.text), ['three', 'two']);
      const next = /<([^>]+)>;\s*rel="next"/.exec(String(first.headers.link))?.[1] ?? '';
      const second = await call('GET', next, { token: agentToken });
      assert.deepEqual((second.body as { items: WebexMessage[] }).items.map((m) => m.text), ['one']);
      assert.equal(second.headers.link, undefined);
    });

    it('answers 400 without roomId', async () => {
      assert.equal((await call('GET', `${base}/messages`, { token: agentToken })).status, 400);
    });
  });

  describe('DELETE /messages/{id}', () => {
    it('lets the author delete (204) and then GET answers 404', async () => {
      const message = (await post(emu.tokens.bot, { roomId: emu.rooms.direct, text: 'oops' })).body as WebexMessage;
      const other = await call('DELETE', `${base}/messages/${message.id}`, { token: agentToken });
      assert.equal(other.status, 403);
      const own = await call('DELETE', `${base}/messages/${message.id}`, { token: emu.tokens.bot });
      assert.equal(own.status, 204);
      assert.equal((await call('GET', `${base}/messages/${message.id}`, { token: emu.tokens.bot })).status, 404);
    });
  });

  describe('attachment actions', () => {
    it('a user submits a card; the bot reads the inputs back', async () => {
      const card = (await post(emu.tokens.bot, { roomId: emu.rooms.direct, markdown: 'card', attachments: [CARD] })).body as WebexMessage;
      const created = await call('POST', `${base}/attachment/actions`, {
        token: agentToken,
        body: { type: 'submit', messageId: card.id, inputs: { target: 'alice@example.com', action: 'lookup' } },
      });
      assert.equal(created.status, 202);
      const action = created.body as WebexAttachmentAction;
      const read = await call('GET', `${base}/attachment/actions/${action.id}`, { token: emu.tokens.bot });
      assert.deepEqual(read.body, {
        id: action.id,
        type: 'submit',
        messageId: card.id,
        inputs: { target: 'alice@example.com', action: 'lookup' },
        personId: emu.people.id(SEED_EMAILS.agent),
        roomId: emu.rooms.direct,
        created: action.created,
      });
    });

    it('answers 400 to a submit on a message without a card', async () => {
      const plain = (await post(emu.tokens.bot, { roomId: emu.rooms.direct, text: 'no card' })).body as WebexMessage;
      const r = await call('POST', `${base}/attachment/actions`, { token: agentToken, body: { type: 'submit', messageId: plain.id, inputs: {} } });
      assert.equal(r.status, 400);
    });

    it('hides an action from people who neither submitted it nor posted the card', async () => {
      const card = (await post(emu.tokens.bot, { roomId: emu.rooms.helpDesk, markdown: 'card', attachments: [CARD] })).body as WebexMessage;
      const action = await emu.submit({ from: SEED_EMAILS.agent, messageId: card.id, inputs: {} });
      const r = await call('GET', `${base}/attachment/actions/${action.id}`, { token: emu.tokens.user(SEED_EMAILS.colleague) });
      assert.equal(r.status, 404);
    });
  });

  describe('rooms and memberships', () => {
    it('lists the rooms of the caller with direct rooms titled after the other person', async () => {
      const r = await call('GET', `${base}/rooms`, { token: emu.tokens.bot });
      const rooms = (r.body as { items: { title: string; type: string }[] }).items;
      assert.deepEqual(
        rooms.map((room) => [room.title, room.type]),
        [
          ['Dana Desk', 'direct'],
          ['Help desk', 'group'],
          ['Partner escalations', 'group'],
        ],
      );
      const groups = await call('GET', `${base}/rooms?type=group`, { token: emu.tokens.bot });
      assert.equal((groups.body as { items: unknown[] }).items.length, 2);
    });

    it('answers 404 for a room the caller is not in', async () => {
      assert.equal((await call('GET', `${base}/rooms/${emu.rooms.partner}`, { token: emu.tokens.user(SEED_EMAILS.colleague) })).status, 404);
    });

    it('lists the members of a room, with their org, and filters by person', async () => {
      const all = await call('GET', `${base}/memberships?roomId=${emu.rooms.partner}`, { token: emu.tokens.bot });
      const members = (all.body as { items: WebexMembership[] }).items;
      assert.deepEqual(members.map((m) => m.personEmail), [SEED_EMAILS.agent, SEED_EMAILS.bot, SEED_EMAILS.olga]);
      assert.notEqual(members[2].personOrgId, members[0].personOrgId);
      const mine = await call('GET', `${base}/memberships?roomId=${emu.rooms.partner}&personId=${emu.bot.id}`, { token: emu.tokens.bot });
      assert.deepEqual((mine.body as { items: WebexMembership[] }).items.map((m) => m.personId), [emu.bot.id]);
      const one = await call('GET', `${base}/memberships/${members[2].id}`, { token: emu.tokens.bot });
      assert.deepEqual(one.body, members[2]);
    });

    it('a direct room has two members', async () => {
      const r = await call('GET', `${base}/memberships?roomId=${emu.rooms.direct}`, { token: emu.tokens.bot });
      assert.equal((r.body as { items: unknown[] }).items.length, 2);
    });

    it('POST /memberships adds a person once; the second time is 409', async () => {
      const body = { roomId: emu.rooms.helpDesk, personEmail: SEED_EMAILS.alice };
      const first = await call('POST', `${base}/memberships`, { token: agentToken, body });
      assert.equal(first.status, 200);
      assert.equal((first.body as WebexMembership).personDisplayName, 'Alice Anderson');
      assert.equal((await call('POST', `${base}/memberships`, { token: agentToken, body })).status, 409);
    });

    it('DELETE /memberships/{id} removes a member (204)', async () => {
      const added = await emu.addMember({ roomId: emu.rooms.helpDesk, email: SEED_EMAILS.bob });
      const outsider = await call('DELETE', `${base}/memberships/${added.id}`, { token: emu.tokens.admin });
      assert.equal(outsider.status, 404);
      const r = await call('DELETE', `${base}/memberships/${added.id}`, { token: agentToken });
      assert.equal(r.status, 204);
      const list = await call('GET', `${base}/memberships?roomId=${emu.rooms.helpDesk}`, { token: agentToken });
      assert.ok(!(list.body as { items: WebexMembership[] }).items.some((m) => m.personEmail === SEED_EMAILS.bob));
    });
  });

  describe('in-process helpers', () => {
    it('botMessages is oldest first and waitForBotMessages resolves with the next replies', async () => {
      const before = emu.botMessages(emu.rooms.direct).length;
      const waiting = emu.waitForBotMessages({ roomId: emu.rooms.direct, count: 2, after: before, timeoutMs: 2000 });
      await post(emu.tokens.bot, { roomId: emu.rooms.direct, text: 'first' });
      await post(emu.tokens.bot, { roomId: emu.rooms.helpDesk, text: 'elsewhere' });
      await post(emu.tokens.bot, { roomId: emu.rooms.direct, text: 'second' });
      assert.deepEqual((await waiting).map((m) => m.text), ['first', 'second']);
      assert.deepEqual(emu.botMessages().map((m) => m.text), ['first', 'elsewhere', 'second']);
    });

    it('waitForBotMessages rejects with what arrived when too few replies come', async () => {
      await post(emu.tokens.bot, { roomId: emu.rooms.direct, text: 'only one' });
      await assert.rejects(emu.waitForBotMessages({ roomId: emu.rooms.direct, count: 2, timeoutMs: 1 }), /got 1 .*"only one"/);
    });
  });
});
