import { strict as assert } from 'node:assert';
import { postMessageWithFile } from '../../../src/webex/message-file';
import { caught } from '../../helpers/caught';
import { type FakeWebex, startFakeWebex } from './support/fake-webex-server';
import { createTestHttp } from './support/test-http';

const file = { name: 'transfer-numbers.csv', contentType: 'text/csv', bytes: Buffer.from('\uFEFFName\r\nAlice\r\n') };

describe('webex/postMessageWithFile', () => {
  let server: FakeWebex;

  beforeEach(async () => {
    server = await startFakeWebex();
  });

  afterEach(() => server.close());

  it('posts one multipart message and answers its ID (the emulator tests read its parts)', async () => {
    server.script(() => ({ status: 200, json: { id: 'M1' } }));
    const { http } = createTestHttp(server.baseUrl);
    assert.equal(await postMessageWithFile(http, { roomId: 'R1' }, 'Transfer numbers report', file), 'M1');
    assert.equal(server.requests.length, 1);
    assert.match(String(server.requests[0].headers['content-type']), /^multipart\/form-data; boundary=/);
  });

  it('tries again after 429 or 503 (nothing was posted), but not after a gateway error that may have posted it', async () => {
    server.script((_req, i) => (i === 0 ? { status: 429, json: { message: 'slow down' }, headers: { 'Retry-After': '1' } } : { status: 200, json: { id: 'M2' } }));
    assert.equal(await postMessageWithFile(createTestHttp(server.baseUrl).http, { toPersonId: 'P1' }, 'x', file), 'M2');
    assert.equal(server.requests.length, 2);

    server.requests.length = 0;
    server.script(() => ({ status: 502, json: { message: 'Bad gateway' } }));
    const err = await caught(postMessageWithFile(createTestHttp(server.baseUrl).http, { toPersonId: 'P1' }, 'x', file));
    assert.equal((err as { status?: number }).status, 502);
    assert.equal(server.requests.length, 1, 'a second post could show the file twice');
  });
});
