// The sandbox chat page in a real Chromium, against the real bot and the emulator started in-process:
// what a newcomer does in their first minute.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/ops/logger';
import { packageRoot } from '../../src/paths';
import { SEED_EMAILS } from '../../sandbox/emulator/seed';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { CHROMIUM_ARGS, findChromium } from './chromium';

const WAIT = { timeout: 15_000 };
const ARTIFACTS_DIR = path.join(packageRoot, 'test', 'artifacts');
const COMMAND_FOR_ALICE = `transfer numbers for ${SEED_EMAILS.alice}`;

const ALICE_FACTS = [
  ['Numbers in effect', 'Their own (custom numbers on)'],
  ['Transfer number 1', '+1205553650'],
  ['Transfer number 2', '+1205553651'],
  ['Transfer number 3', '+1205553652'],
];
const BOB_FACTS = [
  ['Numbers in effect', 'Their own (custom numbers on)'],
  ['Transfer number 1', '+1 205 555 3661 (+12055553661)'],
  ['Transfer number 2', 'Not set'],
  ['Transfer number 3', 'Not set'],
];

/** The FactSet rows of a rendered card, as [title, value] pairs of visible text. */
async function factsOf(card: Locator): Promise<string[][]> {
  return card.locator('.ac-factset tr').evaluateAll((rows) =>
    rows.map((row) => [
      (row.querySelector('.ac-fact-title')?.textContent ?? '').trim(),
      (row.querySelector('.ac-fact-value')?.textContent ?? '').trim(),
    ]),
  );
}

describe('sandbox chat page (Chromium)', function () {
  this.timeout(90_000);

  let sandbox: RunningSandbox | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let userDataDir: string | undefined;
  let baseUrl: string;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  const conversation = () => page.locator('#conversation');
  const botMessages = () => page.locator('#conversation > li.message--bot');
  const myMessages = () => page.locator('#conversation > li.message--me');
  const composer = () => page.getByRole('textbox', { name: 'Message', exact: true });

  async function send(text: string): Promise<void> {
    await composer().fill(text);
    await composer().press('Enter');
  }

  before(async function () {
    const executablePath = findChromium();
    if (!executablePath) {
      // CI installs Chromium (.ci/run), so there a missing browser is a failure, not a skip.
      if (process.env.CI === 'true') throw new Error("No Chromium found: install Debian's chromium or set CHROMIUM_PATH");
      console.warn("    skipped: no Chromium found (install Debian's chromium, set CHROMIUM_PATH, or run .ci/run)");
      this.skip();
    }
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
    assert.equal(config.mode, 'sandbox');
    sandbox = await startSandbox({ config, logger: createLogger('silent') });
    await sandbox.bot.started;
    baseUrl = `http://127.0.0.1:${sandbox.bot.port}`;

    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
    });
    // The page must work offline: anything not served by the sandbox is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${baseUrl}/`) || url.startsWith('data:')) return route.continue();
      foreignRequests.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && context) {
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'sandbox-failure.png'), fullPage: true }).catch(() => undefined);
    }
  });

  after(async () => {
    await context?.close();
    await sandbox?.stop();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  it('opens on the 1:1 space with the bot and lists the spaces and examples', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Transfer Numbers bot — sandbox');

    const spaces = page.locator('#space-list .space__title');
    await spaces.first().waitFor(WAIT);
    assert.deepEqual(await spaces.allTextContents(), ['Transfer Bot', 'Help desk', 'Partner escalations']);
    assert.equal(await page.locator('#room-title').textContent(), 'Transfer Bot');
    assert.equal(await page.locator('#mention-chip').isVisible(), false);

    await page.getByRole('button', { name: COMMAND_FOR_ALICE, exact: true }).click();
    assert.equal(await composer().inputValue(), COMMAND_FOR_ALICE);
  });

  it('answers a command in the 1:1 with a card of the numbers', async () => {
    await send(COMMAND_FOR_ALICE);
    await myMessages().filter({ hasText: COMMAND_FOR_ALICE }).first().waitFor(WAIT);
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement).value === '', undefined, WAIT);
    await composer().fill('a draft the agent is still typing');

    const card = botMessages().first();
    await card.locator('.card-frame').waitFor(WAIT);
    assert.equal(await composer().inputValue(), 'a draft the agent is still typing', 'new messages never touch the draft');
    assert.equal(await card.locator('.message__sender').textContent(), 'Transfer Bot');
    assert.match(await card.locator('.card-frame').innerText(), /Alice Anderson/);
    assert.deepEqual(await factsOf(card), ALICE_FACTS);
  });

  it("looks up another person from the card's form and shows unset numbers as Not set", async () => {
    const firstCard = botMessages().first();
    await firstCard.locator('input.ac-textInput').fill(SEED_EMAILS.bob);
    await firstCard.getByRole('button', { name: 'Look up' }).click();

    const second = botMessages().nth(1);
    await second.locator('.card-frame').waitFor(WAIT);
    assert.match(await second.locator('.card-frame').innerText(), /Bob Baker/);
    assert.deepEqual(await factsOf(second), BOB_FACTS);
    assert.equal(await botMessages().count(), 2, 'one click, one answer');
    assert.equal(await firstCard.locator('input.ac-textInput').inputValue(), SEED_EMAILS.bob, 'earlier cards are not re-rendered');
  });

  it('switches to the Help desk group space, where the mention is added for the user', async () => {
    await page.getByRole('button', { name: /Help desk/ }).click();
    assert.equal(await page.locator('#room-title').textContent(), 'Help desk');
    assert.equal(await page.locator('#mention-chip').textContent(), '@Transfer Bot');
    assert.equal(await page.locator('#mention-chip').isVisible(), true);

    await send(COMMAND_FOR_ALICE);
    const mine = myMessages().filter({ hasText: 'alice@example.com' }).first();
    await mine.waitFor(WAIT);
    assert.equal(await mine.locator('.mention').textContent(), 'Transfer Bot');

    const card = botMessages().first();
    await card.locator('.card-frame').waitFor(WAIT);
    assert.deepEqual(await factsOf(card), ALICE_FACTS);
    assert.equal(await conversation().getByText('Bob Baker').count(), 0, 'the 1:1 messages are not shown here');

    const emulator = sandbox!.emulator;
    assert.equal(emulator.botMessages(emulator.rooms.helpDesk).length, 1);
  });

  it('still answers when Webex rate-limits the transfer-number read once', async () => {
    await page.getByLabel('Simulate Webex trouble').selectOption({ label: 'Rate limited once (429, Retry-After 2 s)' });
    const banner = page.locator('#trouble-banner');
    await banner.getByText('Simulating: Rate limited once (429, Retry-After 2 s).').waitFor(WAIT);

    await send(COMMAND_FOR_ALICE);
    const answer = botMessages().nth(1);
    await answer.locator('.card-frame').waitFor(WAIT);
    assert.deepEqual(await factsOf(answer), ALICE_FACTS);

    const limited = sandbox!.emulator.requests.filter((r) => r.route === 'transferNumbers.get' && r.status === 429);
    assert.equal(limited.length, 1, 'the injected 429 was answered to the bot');
    await banner.getByText('Used up: Rate limited once (429, Retry-After 2 s).').waitFor(WAIT);

    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.mouse.move(0, 0); // no hover highlight in the picture
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'sandbox.png'), fullPage: true });
  });

  it("answers \"transfer numbers report\" with a card and the CSV as a download, fetched with the agent's token", async () => {
    const before = await botMessages().count();
    await send('transfer numbers report');
    const card = botMessages().nth(before);
    await card.locator('.card-frame').waitFor({ timeout: 20_000 });
    assert.match(await card.locator('.card-frame').innerText(), /Transfer numbers report/);
    const button = botMessages().nth(before + 1).getByRole('button', { name: 'Download file' });
    await button.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(download.suggestedFilename(), /^transfer-numbers-\d{4}-\d\d-\d\d-\d{4}Z\.csv$/);
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(saved.startsWith('\uFEFFName,Email,Type,Location,Custom numbers,Numbers from,Number 1,'), saved.slice(0, 120));
    assert.match(saved, /\r\nAlice Anderson,alice@example\.com,person,/);
  });

  it('changes a transfer number after Confirm, and puts it back with Undo and a second Confirm', async () => {
    const emulator = sandbox!.emulator;
    const writes = () => emulator.requests.filter((r) => r.route === 'transferNumbers.put').length;
    const before = await botMessages().count();
    await send(`set transfer number 2 for ${SEED_EMAILS.bob} to (205) 555-0142`);
    const proposal = botMessages().nth(before);
    await proposal.locator('.card-frame').waitFor(WAIT);
    assert.match(await proposal.locator('.card-frame').innerText(), /Change these transfer numbers\?/);
    assert.deepEqual(await factsOf(proposal), [['Number 2', 'Not set → +1 205 555 0142 (+12055550142)']]);
    assert.equal(writes(), 0, 'nothing written before Confirm');

    await proposal.getByRole('button', { name: 'Confirm' }).click();
    const done = botMessages().nth(before + 1);
    await done.locator('.card-frame').waitFor(WAIT);
    assert.match(await done.locator('.card-frame').innerText(), /Transfer numbers changed/);
    assert.equal(writes(), 1);

    await done.getByRole('button', { name: 'Undo' }).click();
    const undo = botMessages().nth(before + 2);
    await undo.locator('.card-frame').waitFor(WAIT);
    assert.deepEqual(await factsOf(undo), [['Number 2', '+1 205 555 0142 (+12055550142) → Not set']]);
    await undo.getByRole('button', { name: 'Confirm' }).click();
    const undone = botMessages().nth(before + 3);
    await undone.locator('.card-frame').waitFor(WAIT);
    assert.match(await undone.locator('.card-frame').innerText(), /Change undone/);
    assert.equal(writes(), 2);
  });

  it('made no request outside the sandbox and raised no page errors', () => {
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});
