// POST /messages with a local file (multipart/form-data, one file per message, as the Messages reference
// and its file-attachment guide describe) and GET of the URL in the message's `files`, for members only.
import { strict as assert } from 'node:assert';
import { createEmulator, SEED_EMAILS, type Emulator } from '../../../sandbox/emulator';
import type { WebexMessage } from '../../../src/webex/types';

describe('webex emulator: files on messages', () => {
  let emu: Emulator;
  let base: string;

  beforeEach(async () => {
    emu = createEmulator();
    base = await emu.listen();
  });
  afterEach(() => emu.close());

  function form(fields: Record<string, string>, files: { name: string; type: string; text: string }[]): FormData {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.append(key, value);
    for (const file of files) body.append('files', new Blob([file.text], { type: file.type }), file.name);
    return body;
  }

  async function upload(token: string, body: FormData): Promise<Response> {
    return fetch(`${base}/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  }

  it('keeps a CSV posted with markdown and links it from the message; members of the space download it', async () => {
    const csv = 'name,number\nAlice,+12055553650\n';
    const res = await upload(emu.tokens.bot, form({ roomId: emu.rooms.helpDesk, markdown: 'The **report**' }, [{ name: 'transfer-numbers.csv', type: 'text/csv', text: csv }]));
    assert.equal(res.status, 200);
    const message = (await res.json()) as WebexMessage;
    assert.equal(message.markdown, 'The **report**');
    assert.equal(message.files?.length, 1);
    assert.match(message.files![0], new RegExp(`^${base}/contents/[A-Za-z0-9_-]+$`));

    const download = await fetch(message.files![0], { headers: { authorization: `Bearer ${emu.tokens.user(SEED_EMAILS.colleague)}` } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'text/csv');
    assert.equal(download.headers.get('content-disposition'), 'attachment; filename="transfer-numbers.csv"');
    assert.equal(await download.text(), csv);
    assert.deepEqual(emu.messages(emu.rooms.helpDesk).at(-1)?.files, message.files);
  });

  it('answers 404 to someone outside the space, and to an unknown content ID', async () => {
    const res = await upload(emu.tokens.bot, form({ roomId: emu.rooms.helpDesk, text: 'file' }, [{ name: 'a.csv', type: 'text/csv', text: 'x' }]));
    const [url] = ((await res.json()) as WebexMessage).files!;
    const outsider = await fetch(url, { headers: { authorization: `Bearer ${emu.tokens.user(SEED_EMAILS.alice)}` } });
    assert.equal(outsider.status, 404);
    const unknown = await fetch(`${base}/contents/nothing-here`, { headers: { authorization: `Bearer ${emu.tokens.bot}` } });
    assert.equal(unknown.status, 404);
  });

  it('refuses two files in one message, and a message with neither words nor a file', async () => {
    const two = await upload(emu.tokens.bot, form({ roomId: emu.rooms.helpDesk, text: 'two' }, [
      { name: 'a.csv', type: 'text/csv', text: 'a' },
      { name: 'b.csv', type: 'text/csv', text: 'b' },
    ]));
    assert.equal(two.status, 400);
    assert.match(((await two.json()) as { message: string }).message, /Only one file/);
    const empty = await upload(emu.tokens.bot, form({ roomId: emu.rooms.helpDesk }, []));
    assert.equal(empty.status, 400);
  });

  it('accepts a file alone, named by the form', async () => {
    const res = await upload(emu.tokens.bot, form({ roomId: emu.rooms.helpDesk }, [{ name: 'only.txt', type: 'text/plain', text: 'hi' }]));
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as WebexMessage).files?.length, 1);
  });
});
