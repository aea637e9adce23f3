// The emulator's answers checked against Webex's published schemas (excerpts in test/fixtures/webex-openapi).
import { strict as assert } from 'node:assert';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import callingSpec from '../../fixtures/webex-openapi/webex-calling-person-settings.excerpt.json';
import errorSpec from '../../fixtures/webex-openapi/webex-error.excerpt.json';
import messagingSpec from '../../fixtures/webex-openapi/webex-messaging.excerpt.json';
import { createEmulator, SEED_EMAILS, type Emulator } from '../../../sandbox/emulator';
import type { WebexMessage } from '../../../src/webex/types';
import { call, type HttpResult } from './emulator-test-kit';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(messagingSpec, 'messaging');
ajv.addSchema(callingSpec, 'calling');
ajv.addSchema(errorSpec, 'errors');

function pointer(...parts: string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The success-response schema the spec gives for an operation. */
function responseSchema(spec: 'messaging' | 'calling', path: string, method: string, status = '200'): ValidateFunction {
  const ref = `${spec}#${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`;
  const validate = ajv.getSchema(ref);
  assert.ok(validate, `no schema at ${ref}`);
  return validate;
}

const errorSchema = () => ajv.getSchema('errors#/components/schemas/Error') as ValidateFunction;

function assertValid(validate: ValidateFunction, data: unknown, what: string): void {
  const ok = validate(data);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(data)}`);
}

function assertAnswer(r: HttpResult, status: number, validate: ValidateFunction, what: string): void {
  assert.equal(r.status, status, `${what}: ${r.raw}`);
  assertValid(validate, r.body, what);
}

const CARD = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Alice' }], actions: [{ type: 'Action.Submit', title: 'Again' }] },
};

describe('webex emulator: answers match the Webex OpenAPI schemas', () => {
  let emu: Emulator;
  let base: string;

  before(async () => {
    emu = createEmulator();
    base = await emu.listen();
  });
  after(() => emu.close());

  it('rejects a wrong shape, so the checks below can fail', () => {
    const validate = responseSchema('messaging', '/people/{personId}', 'get');
    assert.equal(validate({ id: 'x', emails: 'alice@example.com' }), false);
    assert.equal(responseSchema('calling', '/telephony/config/people/{personId}/outgoingPermission/autoTransferNumbers', 'get')({}), false);
  });

  it('people: list (plain, callingData, id list), get, me', async () => {
    const list = responseSchema('messaging', '/people', 'get');
    assertAnswer(await call('GET', `${base}/people?displayName=Chris`, { token: emu.tokens.admin }), 200, list, 'people by name');
    assertAnswer(await call('GET', `${base}/people?max=100&callingData=true`, { token: emu.tokens.admin }), 200, list, 'people with calling data');
    const ids = `${emu.people.id(SEED_EMAILS.alice)},${emu.bot.id}`;
    assertAnswer(await call('GET', `${base}/people?id=${ids}`, { token: emu.tokens.bot }), 200, list, 'people by id');
    const get = responseSchema('messaging', '/people/{personId}', 'get');
    for (const person of emu.people.all()) {
      assertAnswer(await call('GET', `${base}/people/${person.id}?callingData=true`, { token: emu.tokens.admin }), 200, get, person.emails[0]);
    }
    const me = responseSchema('messaging', '/people/me', 'get');
    assertAnswer(await call('GET', `${base}/people/me`, { token: emu.tokens.bot }), 200, me, 'bot me');
    assertAnswer(await call('GET', `${base}/people/me`, { token: emu.tokens.admin }), 200, me, 'admin me');
  });

  it('messages: create (bot and user with a mention), get, list', async () => {
    const create = responseSchema('messaging', '/messages', 'post');
    const botPost = await call('POST', `${base}/messages`, { token: emu.tokens.bot, body: { roomId: emu.rooms.direct, markdown: '**Alice Anderson**' } });
    assertAnswer(botPost, 200, create, 'bot post');
    const userPost = await call('POST', `${base}/messages`, {
      token: emu.tokens.user(SEED_EMAILS.agent),
      body: { roomId: emu.rooms.helpDesk, markdown: `<@personId:${emu.bot.id}|Transfer Bot> transfer numbers for alice@example.com` },
    });
    assertAnswer(userPost, 200, create, 'user post');
    const direct = await call('POST', `${base}/messages`, { token: emu.tokens.bot, body: { toPersonEmail: SEED_EMAILS.colleague, text: 'hi' } });
    assertAnswer(direct, 200, create, 'post to a person');

    const get = responseSchema('messaging', '/messages/{messageId}', 'get');
    for (const posted of [botPost, userPost, direct]) {
      const id = (posted.body as WebexMessage).id;
      assertAnswer(await call('GET', `${base}/messages/${id}`, { token: emu.tokens.bot }), 200, get, `get ${id}`);
    }
    const list = responseSchema('messaging', '/messages', 'get');
    assertAnswer(await call('GET', `${base}/messages?roomId=${emu.rooms.helpDesk}`, { token: emu.tokens.user(SEED_EMAILS.agent) }), 200, list, 'list');
  });

  it('messages with a card match apart from the attachment, which the spec describes as a file', async () => {
    const posted = await call('POST', `${base}/messages`, { token: emu.tokens.bot, body: { roomId: emu.rooms.direct, markdown: 'Alice', attachments: [CARD] } });
    const { attachments, ...rest } = posted.body as WebexMessage;
    assert.deepEqual(attachments, [CARD]);
    assertValid(responseSchema('messaging', '/messages', 'post'), rest, 'card post without its attachment');
  });

  it('attachment actions: create (202) and get', async () => {
    const card = (await call('POST', `${base}/messages`, { token: emu.tokens.bot, body: { roomId: emu.rooms.direct, markdown: 'Alice', attachments: [CARD] } }))
      .body as WebexMessage;
    const created = await call('POST', `${base}/attachment/actions`, {
      token: emu.tokens.user(SEED_EMAILS.agent),
      body: { type: 'submit', messageId: card.id, inputs: { target: 'bob.baker@example.com' } },
    });
    assertAnswer(created, 202, responseSchema('messaging', '/attachment/actions', 'post', '202'), 'create');
    const id = (created.body as { id: string }).id;
    assertAnswer(await call('GET', `${base}/attachment/actions/${id}`, { token: emu.tokens.bot }), 200, responseSchema('messaging', '/attachment/actions/{id}', 'get'), 'get');
  });

  it('webhooks: create, get, list (the firehose is left out: the spec has no resource "all")', async () => {
    const created = await call('POST', `${base}/webhooks`, {
      token: emu.tokens.bot,
      body: { name: 'cards', targetUrl: 'http://127.0.0.1:9/hook', resource: 'attachmentActions', event: 'created', secret: 's3cret' },
    });
    assertAnswer(created, 200, responseSchema('messaging', '/webhooks', 'post'), 'create');
    const id = (created.body as { id: string }).id;
    assertAnswer(await call('GET', `${base}/webhooks/${id}`, { token: emu.tokens.bot }), 200, responseSchema('messaging', '/webhooks/{webhookId}', 'get'), 'get');
    assertAnswer(await call('GET', `${base}/webhooks`, { token: emu.tokens.bot }), 200, responseSchema('messaging', '/webhooks', 'get'), 'list');
  });

  it('rooms: get and list', async () => {
    const get = responseSchema('messaging', '/rooms/{roomId}', 'get');
    for (const roomId of [emu.rooms.direct, emu.rooms.helpDesk, emu.rooms.partner]) {
      assertAnswer(await call('GET', `${base}/rooms/${roomId}`, { token: emu.tokens.bot }), 200, get, roomId);
    }
    assertAnswer(await call('GET', `${base}/rooms`, { token: emu.tokens.bot }), 200, responseSchema('messaging', '/rooms', 'get'), 'list');
  });

  it('memberships: list, get, create', async () => {
    const list = await call('GET', `${base}/memberships?roomId=${emu.rooms.partner}`, { token: emu.tokens.bot });
    assertAnswer(list, 200, responseSchema('messaging', '/memberships', 'get'), 'list');
    const id = (list.body as { items: { id: string }[] }).items[0].id;
    assertAnswer(await call('GET', `${base}/memberships/${id}`, { token: emu.tokens.bot }), 200, responseSchema('messaging', '/memberships/{membershipId}', 'get'), 'get');
    const created = await call('POST', `${base}/memberships`, { token: emu.tokens.user(SEED_EMAILS.agent), body: { roomId: emu.rooms.helpDesk, personEmail: SEED_EMAILS.henry } });
    assertAnswer(created, 200, responseSchema('messaging', '/memberships', 'post'), 'create');
  });

  it('transfer numbers: set, absent and "" representations (null is live behaviour the spec does not type)', async () => {
    const validate = responseSchema('calling', '/telephony/config/people/{personId}/outgoingPermission/autoTransferNumbers', 'get');
    for (const email of [SEED_EMAILS.alice, SEED_EMAILS.carol, SEED_EMAILS.dave]) {
      const url = `${base}/telephony/config/people/${emu.people.id(email)}/outgoingPermission/autoTransferNumbers`;
      assertAnswer(await call('GET', url, { token: emu.tokens.admin }), 200, validate, email);
    }
  });

  it('outgoing calling permissions of every calling person', async () => {
    const validate = responseSchema('calling', '/people/{personId}/features/outgoingPermission', 'get');
    const callingPeople = emu.people.all().filter((p) => p.locationId && p.orgId === emu.bot.orgId);
    assert.ok(callingPeople.length >= 15);
    for (const person of callingPeople) {
      assertAnswer(await call('GET', `${base}/people/${person.id}/features/outgoingPermission`, { token: emu.tokens.admin }), 200, validate, person.emails[0]);
    }
  });

  it('error bodies: 400, 401, 403, 404/4008 and an injected 429', async () => {
    const validate = errorSchema();
    const grace = emu.people.id(SEED_EMAILS.grace);
    emu.faults.add({ route: 'rooms.list', status: 429, retryAfter: 2, times: 1 });
    const answers: [HttpResult, number][] = [
      [await call('GET', `${base}/messages`, { token: emu.tokens.bot }), 400],
      [await call('GET', `${base}/people/me`), 401],
      [await call('GET', `${base}/people?email=a@b.c&callingData=true`, { token: emu.tokens.bot }), 403],
      [await call('GET', `${base}/telephony/config/people/${grace}/outgoingPermission/autoTransferNumbers`, { token: emu.tokens.admin }), 404],
      [await call('GET', `${base}/rooms`, { token: emu.tokens.bot }), 429],
    ];
    for (const [r, status] of answers) {
      assertAnswer(r, status, validate, `error ${status}`);
      const body = r.body as { message: string; errors: { description: string }[]; trackingId: string };
      assert.deepEqual(Object.keys(body), ['message', 'errors', 'trackingId']);
      assert.equal(body.errors[0].description, body.message);
      assert.equal(r.headers.trackingid, body.trackingId);
    }
  });
});
