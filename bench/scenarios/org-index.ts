// The organization's index at 10,000 calling users, against an emulator that adds 20 ms to every call
// and allows 100 calls a second: how fast and how frugally it is built, what it costs in memory, and
// what the answers on top of it take ("who transfers to" and the report with its CSV). Then two bot
// instances on one Redis, both asked to build at start: the index must be built once.
import { performance } from 'node:perf_hooks';
import { createEmulator, SEED_EMAILS, type Emulator, type RequestRecord } from '../../sandbox/emulator';
import type { WebexMessage } from '../../src/webex/types';
import { startBotInstance, type BotInstance } from '../bot-instance';
import { sleep } from '../bot-process';
import { webexCalls } from '../call-log';
import { check, figure, type Figure } from '../figures';
import type { Progress } from '../progress';
import { startRedisServer } from '../redis-server';
import { ReplyCounter } from '../reply-counter';
import { settle } from '../settle';
import { round } from '../stats';
import type { World } from '../world';

export const SYNTHETIC_USERS = 10_000;
const LATENCY_MS = 20;
const LIMIT_PER_SECOND = 100;
/** A synthetic user's number 1 (users 0…9,999 have +1205600NNNN): one match, a handful of live reads. */
const SEARCHED_NUMBER = '+12056004242';
const BUILD_TIMEOUT_MS = 10 * 60_000;
const ANSWER_TIMEOUT_MS = 60_000;
const SETTINGS_ROUTES = new Set(['transferNumbers.get', 'outgoingPermission.get', 'workspaceTransferNumbers.get', 'workspaceOutgoingPermission.get']);
const NUMBERS_ROUTES = new Set(['transferNumbers.get', 'workspaceTransferNumbers.get']);
const MB = 1024 * 1024;
const AGENT = { email: 'bench.index.agent@example.com', room: 'bench-index-agent' };

export interface OrgIndexDetails {
  indexedUsers: number;
  build: { seconds: number; adminCalls: number; adminCallsPerSecond: number; percentOfLimit: number; settingsReads: number; readsPerUser: number; rateLimited: number };
  memory: { heapBeforeMb: number; heapAfterMb: number; rssAfterMb: number; heapPerUserBytes: number };
  reverse: { replyMs: number; webexReads: number };
  report: { fileMs: number; csvRows: number; fileBytes: number };
  twoInstances: { measured: boolean; why?: string; settingsReads?: number; numbersReads?: number; distinctUsersRead?: number };
}

/** A fresh emulator with one agent (in a 1:1 with the bot) and 10,000 synthetic calling users. */
async function startIndexWorld(): Promise<World> {
  const replies = new ReplyCounter();
  const emulator = createEmulator({
    logger: replies.onEmulatorLog,
    seed: {
      extraPeople: [{ email: AGENT.email, displayName: 'Index Agent' }],
      extraRooms: [{ key: AGENT.room, title: '', type: 'direct', members: [AGENT.email, SEED_EMAILS.bot] }],
    },
  });
  await emulator.listen(0, '127.0.0.1');
  emulator.people.addSynthetic(SYNTHETIC_USERS);
  return { emulator, agents: [{ email: AGENT.email, roomId: emulator.rooms[AGENT.room] }], targets: [], followers: [], replies };
}

function throttle(emulator: Emulator): void {
  emulator.faults.clear();
  emulator.setLatency(LATENCY_MS);
  emulator.setRateLimit(LIMIT_PER_SECOND);
  emulator.clearRequests();
}

/** The bot's heap in use, from its Prometheus endpoint (prom-client's default metrics). */
async function heapUsedBytes(bot: BotInstance): Promise<number> {
  const text = await (await fetch(`${bot.bot.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('nodejs_heap_size_used_bytes '));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

/** The bot's next message in the room that satisfies `wanted`, skipping progress notes. */
async function nextMessage(emulator: Emulator, roomId: string, after: number, wanted: (m: WebexMessage) => boolean, timeoutMs: number): Promise<WebexMessage> {
  const deadline = Date.now() + timeoutMs;
  for (let seen = after; Date.now() < deadline; ) {
    const [message] = await emulator.waitForBotMessages({ roomId, count: 1, after: seen, timeoutMs: Math.max(1, deadline - Date.now()) });
    seen++;
    if (wanted(message)) return message;
  }
  throw new Error('no answer in time');
}

const hasCard = (m: WebexMessage) => (m.attachments?.length ?? 0) > 0;
const hasFile = (m: WebexMessage) => (m.files?.length ?? 0) > 0;

function distinctUsers(records: readonly RequestRecord[]): number {
  return new Set(records.filter((r) => NUMBERS_ROUTES.has(r.route) && r.status === 200).map((r) => r.path)).size;
}

export async function measureOrgIndex(progress: Progress): Promise<{ figures: Figure[]; details: OrgIndexDetails }> {
  const single = await measureOneInstance(progress);
  const twoInstances = await measureTwoInstances(progress);
  const details: OrgIndexDetails = { ...single.details, twoInstances };
  const limitReads = round(1.1 * single.details.indexedUsers, 0);
  return {
    figures: [
      ...single.figures,
      twoInstances.measured
        ? figure('Org index, two instances on one Redis: transfer-number reads', twoInstances.numbersReads ?? Number.NaN, 'reads', 'atMost', limitReads)
        : check('Org index, two instances on one Redis (redis-server not installed: not measured)', false, 'measured'),
    ],
    details,
  };
}

async function measureOneInstance(progress: Progress): Promise<{ figures: Figure[]; details: Omit<OrgIndexDetails, 'twoInstances'> }> {
  progress.step(`org index: ${SYNTHETIC_USERS.toLocaleString('en-US')} calling users`);
  const world = await startIndexWorld();
  const { emulator } = world;
  const roomId = world.agents[0].roomId;
  let instance: BotInstance | undefined;
  try {
    instance = await startBotInstance(world);
    const bot = instance;
    await sleep(500);
    const heapBefore = await heapUsedBytes(bot);
    throttle(emulator);

    // 1. The first "who transfers to" builds the index and is answered when the build is done.
    progress.update('org index: first build (a few minutes)');
    const asked = emulator.botMessages(roomId).length;
    const builtStarted = performance.now();
    await emulator.say({ from: AGENT.email, roomId, text: `who transfers to ${SEARCHED_NUMBER}` });
    await bot.bot.whileRunning(nextMessage(emulator, roomId, asked, hasCard, BUILD_TIMEOUT_MS));
    const buildWall = (performance.now() - builtStarted) / 1000;
    await settle(emulator, 200);
    const admin = emulator.requests.filter((r) => r.role === 'admin');
    const served = admin.filter((r) => r.status !== 429);
    const starts = served.map((r) => Date.parse(r.at));
    const spanS = starts.length > 1 ? (Math.max(...starts) - Math.min(...starts)) / 1000 : buildWall;
    const settingsReads = admin.filter((r) => SETTINGS_ROUTES.has(r.route) && r.status === 200).length;
    const indexedUsers = distinctUsers(admin);
    const perSecond = served.length / spanS;
    const heapAfter = await heapUsedBytes(bot);
    const rssAfter = bot.bot.rssBytes();

    // 2. The next "who transfers to" on the built index.
    emulator.clearRequests();
    const before = emulator.botMessages(roomId).length;
    const reverseStarted = performance.now();
    await emulator.say({ from: AGENT.email, roomId, text: `who transfers to ${SEARCHED_NUMBER}` });
    await bot.bot.whileRunning(nextMessage(emulator, roomId, before, hasCard, ANSWER_TIMEOUT_MS));
    const reverseMs = performance.now() - reverseStarted;
    await settle(emulator, 3 * LATENCY_MS);
    const reverseReads = webexCalls(emulator.requests).filter((r) => r.role === 'admin').length;

    // 3. The report: its card, then its CSV in the next message.
    progress.update('org index: the 10,000-row report');
    const beforeReport = emulator.botMessages(roomId).length;
    const reportStarted = performance.now();
    await emulator.say({ from: AGENT.email, roomId, text: 'transfer numbers report' });
    const fileMessage = await bot.bot.whileRunning(nextMessage(emulator, roomId, beforeReport, hasFile, ANSWER_TIMEOUT_MS));
    const fileMs = performance.now() - reportStarted;
    const csv = await (await fetch(fileMessage.files?.[0] as string, { headers: { authorization: `Bearer ${emulator.tokens.user(AGENT.email)}` } })).text();
    const csvRows = csv.split('\r\n').filter((line) => line !== '').length - 1;

    const details = {
      indexedUsers,
      build: {
        seconds: round(spanS, 1),
        adminCalls: served.length,
        adminCallsPerSecond: round(perSecond, 1),
        percentOfLimit: round((100 * perSecond) / LIMIT_PER_SECOND, 1),
        settingsReads,
        readsPerUser: round(settingsReads / indexedUsers, 2),
        rateLimited: admin.length - served.length,
      },
      memory: {
        heapBeforeMb: round(heapBefore / MB, 1),
        heapAfterMb: round(heapAfter / MB, 1),
        rssAfterMb: round(rssAfter / MB, 1),
        heapPerUserBytes: round((heapAfter - heapBefore) / indexedUsers, 0),
      },
      reverse: { replyMs: round(reverseMs, 0), webexReads: reverseReads },
      report: { fileMs: round(fileMs, 0), csvRows, fileBytes: Buffer.byteLength(csv) },
    };
    const figures = [
      figure(`Org index build, admin calls a second (share of ${LIMIT_PER_SECOND}/s)`, details.build.percentOfLimit, '%', 'atLeast', 90),
      figure('Org index build, settings reads per indexed user', details.build.readsPerUser, '', 'atMost', 2.1),
      figure('Org index, heap in use after the build (cap 160 MB)', details.memory.heapAfterMb, 'MB', 'below', 160),
      figure('Who transfers to, on the built index: reply time', details.reverse.replyMs, 'ms', 'below', 1000),
      figure('Who transfers to, on the built index: Webex reads', reverseReads, 'reads', 'atMost', 10),
      figure('Report of 10,000 users: time to the CSV message', details.report.fileMs, 'ms', 'atMost', 5000),
      check(`Report CSV holds every indexed user (${indexedUsers})`, csvRows === indexedUsers, 'yes'),
    ];
    return { figures, details };
  } finally {
    await instance?.end();
    await emulator.close();
  }
}

/** Two instances on one Redis with ORG_INDEX_AT_START: the build lock lets one build, the other reads it. */
async function measureTwoInstances(progress: Progress): Promise<OrgIndexDetails['twoInstances']> {
  progress.step('org index: two instances on one Redis');
  const redis = await startRedisServer();
  if (!redis) return { measured: false, why: 'redis-server is not installed' };
  const world = await startIndexWorld();
  const { emulator } = world;
  throttle(emulator);
  const instances: BotInstance[] = [];
  try {
    const env = { REDIS_URL: redis.url, ORG_INDEX_AT_START: 'true' };
    instances.push(...(await Promise.all([startBotInstance(world, env), startBotInstance(world, env)])));
    // Done when every user's numbers were read and then nothing was read for a while.
    const deadline = Date.now() + BUILD_TIMEOUT_MS;
    let last = -1;
    let quietSince = Date.now();
    for (;;) {
      await Promise.all(instances.map((i) => i.bot.whileRunning(sleep(1000))));
      const reads = emulator.requests.filter((r) => SETTINGS_ROUTES.has(r.route)).length;
      progress.update(`org index, two instances: ${reads} settings reads`);
      if (reads !== last) {
        last = reads;
        quietSince = Date.now();
      } else if (reads > 0 && Date.now() - quietSince >= 5_000) {
        break;
      }
      if (Date.now() > deadline) throw new Error('the two instances did not finish building in time');
    }
    const admin = emulator.requests.filter((r) => r.role === 'admin' && r.status === 200);
    return {
      measured: true,
      settingsReads: admin.filter((r) => SETTINGS_ROUTES.has(r.route)).length,
      numbersReads: admin.filter((r) => NUMBERS_ROUTES.has(r.route)).length,
      distinctUsersRead: distinctUsers(admin),
    };
  } finally {
    await Promise.all(instances.map((i) => i.end()));
    await emulator.close();
    redis.stop();
  }
}
