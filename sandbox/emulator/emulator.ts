// Wires the store, tokens, webhook dispatcher, faults and app together and offers the in-process API tests use.
import type { Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebexAttachmentAction, WebexMembership, WebexMessage, WebexPerson, WebexTransferNumbers } from '../../src/webex/types';
import type { Caller } from './access';
import { createEmulatorApp } from './app';
import { BotMessageWaiter, type WaitForBotMessages } from './bot-message-waiter';
import type { ChatSession } from './control';
import type { WorldEvent } from './events';
import { FaultRegistry } from './faults';
import { mentionMarkdown } from './mentions';
import { Operations } from './operations';
import { PendingWork } from './pending-work';
import { compact, roomView } from './presenters';
import { RollingRateLimiter } from './rate-limit';
import { resolveSeed } from './seed';
import { EmulatorStore, type StoredPerson } from './store';
import { syntheticPeople } from './synthetic';
import { TokenRegistry } from './tokens';
import type { DeliveryRecord, EmulatorOptions, FaultEntry, FaultSpec, RequestRecord } from './types';
import { WebhookDispatcher } from './webhook-delivery';

/** Seeded rooms by key; the default seed has direct, helpDesk and partner. */
export type EmulatorRooms = { direct: string; helpDesk: string; partner: string } & Record<string, string>;

export interface EmulatorPeople {
  /** The stored person, calling fields included. */
  get(email: string): WebexPerson | undefined;
  id(email: string): string;
  all(): WebexPerson[];
  /** Adds `count` synthetic calling users (see synthetic.ts); returns how many synthetic users there are now. */
  addSynthetic(count: number): number;
}

export interface Emulator {
  /** Mountable: another app may `app.use('/sandbox/webex', emulator.app)`. */
  readonly app: Express;
  /** Resolves to the base URL, e.g. http://127.0.0.1:PORT/v1 . */
  listen(port?: number, host?: string): Promise<string>;
  /** Closes the server and every connection, cancels hangs, delays, waits and deliveries. */
  close(): Promise<void>;
  readonly baseUrl: string;
  readonly tokens: {
    bot: string;
    admin: string;
    user(email: string): string;
    /** The refresh token POST /access_token accepts now. */
    refreshToken(): string;
  };
  readonly bot: WebexPerson;
  readonly people: EmulatorPeople;
  readonly rooms: EmulatorRooms;
  say(o: { from: string; roomId: string; text: string; mentionBot?: boolean }): Promise<WebexMessage>;
  submit(o: { from: string; messageId: string; inputs: Record<string, unknown> }): Promise<WebexAttachmentAction>;
  addMember(o: { roomId: string; email: string }): Promise<WebexMembership>;
  /** Removes a person from a room, as one of its other members would (DELETE /memberships/{membershipId}). */
  removeMember(o: { roomId: string; email: string }): Promise<void>;
  setTransferNumbers(email: string, numbers: WebexTransferNumbers): void;
  /** All messages, oldest first. */
  messages(roomId?: string): WebexMessage[];
  /** The bot's messages, oldest first. */
  botMessages(roomId?: string): WebexMessage[];
  waitForBotMessages(o: WaitForBotMessages): Promise<WebexMessage[]>;
  readonly faults: { add(f: FaultSpec): string; clear(): void; list(): FaultEntry[]; remove(id: string): boolean };
  setLatency(ms: number): void;
  setRateLimit(perSecond: number | null): void;
  /** Admin tokens lose these write scopes (their operations answer 403); [] gives them back. */
  withholdScopes(scopes: string[]): void;
  readonly requests: RequestRecord[];
  clearRequests(): void;
  readonly deliveries: DeliveryRecord[];
  /** Resolves when no webhook delivery is scheduled or in flight. */
  deliveriesSettled(): Promise<void>;
}

const SEED_TIME = '2024-03-04T15:00:00.000Z';

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const clock = opts.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const log = opts.logger ?? (() => undefined);
  const seed = resolveSeed(opts.seed);
  const store = new EmulatorStore(seed, SEED_TIME);
  const tokens = new TokenRegistry(store, opts.tokens ?? {}, clock, opts.accessTokenTtlSeconds ?? 3600);
  const dispatcher = new WebhookDispatcher(store, clock, opts.deliveryTimeoutMs ?? 10_000, log);
  const faults = new FaultRegistry();
  const rateLimiter = new RollingRateLimiter(clock);
  const pending = new PendingWork();
  const requests: RequestRecord[] = [];
  let latencyMs = opts.latencyMs ?? 0;

  const botPerson = store.requirePersonByEmail(seed.botEmail);
  const botMessages = (roomId?: string) =>
    store.messages.filter((m) => m.personId === botPerson.id && (roomId === undefined || m.roomId === roomId));
  const waiter = new BotMessageWaiter(botMessages);
  const onEvent = (e: WorldEvent) => {
    dispatcher.handle(e);
    if (e.resource === 'messages') waiter.notify();
  };
  const ops = new Operations(store, now, onEvent);

  const callerFor = (email: string): Caller => {
    const person: StoredPerson = store.requirePersonByEmail(email);
    const role = person.id === botPerson.id ? 'bot' : email.toLowerCase() === seed.adminEmail.toLowerCase() ? 'admin' : 'user';
    return { role, person };
  };

  const session = (): ChatSession => {
    const agent = store.requirePersonByEmail(seed.agentEmail);
    return {
      user: { id: agent.id, displayName: agent.displayName, email: agent.emails[0] },
      token: tokens.user(agent.emails[0]),
      bot: { id: botPerson.id, displayName: botPerson.displayName, email: botPerson.emails[0] },
      rooms: store.roomsOf(agent.id).map((room) => {
        const view = roomView(room, agent.id, store);
        return { id: room.id, title: String(view.title), type: room.type };
      }),
      examples: [...seed.examples],
    };
  };

  let syntheticCount = 0;
  const addSynthetic = (count: number): number => {
    for (const person of syntheticPeople(syntheticCount, count)) store.addPerson(person, now());
    syntheticCount += count;
    return syntheticCount;
  };

  const app = createEmulatorApp({
    pipeline: { tokens, faults, rateLimiter, pending, latencyMs: () => latencyMs, clock, requests, log },
    routes: { store, ops, tokens },
    control: {
      faults,
      rateLimiter,
      setLatency: (ms) => (latencyMs = ms),
      latency: () => latencyMs,
      withholdScopes: (scopes) => tokens.withholdScopes(scopes),
      withheldScopes: () => tokens.withheldScopes(),
      requests: () => requests,
      clearRequests: () => requests.splice(0),
      deliveries: () => dispatcher.deliveries,
      clearDeliveries: () => dispatcher.deliveries.splice(0),
      session,
      addSyntheticPeople: (count) => addSynthetic(count),
    },
    now,
    log,
  });

  let server: http.Server | undefined;
  let baseUrl = '';

  const emulator: Emulator = {
    app,
    get baseUrl() {
      return baseUrl;
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = http.createServer(app);
        s.once('error', reject);
        s.listen(port, host, () => {
          server = s;
          const address = s.address() as AddressInfo;
          const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          baseUrl = `http://${hostPart}:${address.port}/v1`;
          resolve(baseUrl);
        });
      });
    },
    async close() {
      dispatcher.close();
      pending.close();
      waiter.close();
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
    tokens: {
      bot: tokens.bot,
      admin: tokens.admin,
      user: (email) => tokens.user(email),
      refreshToken: () => tokens.currentRefreshToken(),
    },
    bot: compact({ ...botPerson }),
    people: {
      get: (email) => store.personByEmail(email),
      id: (email) => store.requirePersonByEmail(email).id,
      all: () => [...store.people.values()],
      addSynthetic,
    },
    rooms: Object.fromEntries(store.roomKeys) as EmulatorRooms,
    async say({ from, roomId, text, mentionBot }) {
      const body = mentionBot ? { roomId, markdown: `${mentionMarkdown(botPerson.id, botPerson.displayName)} ${text}` } : { roomId, text };
      return ops.postMessage(callerFor(from), body);
    },
    async submit({ from, messageId, inputs }) {
      return ops.submitAction(callerFor(from), { type: 'submit', messageId, inputs });
    },
    async addMember({ roomId, email }) {
      const adder = store.membersOf(roomId).find((m) => m.personId !== botPerson.id) ?? store.membersOf(roomId)[0];
      const actor: Caller = adder ? { role: 'user', person: store.people.get(adder.personId) as StoredPerson } : callerFor(seed.adminEmail);
      return ops.addMember(actor, roomId, { personEmail: email });
    },
    async removeMember({ roomId, email }) {
      const person = store.requirePersonByEmail(email);
      const membership = store.membershipOf(roomId, person.id);
      if (!membership) throw new Error(`${email} is not in room ${roomId}`);
      const remover = store.membersOf(roomId).find((m) => m.personId !== botPerson.id && m.personId !== person.id);
      const actor: Caller = remover ? { role: 'user', person: store.people.get(remover.personId) as StoredPerson } : callerFor(seed.adminEmail);
      ops.removeMember(actor, membership.id);
    },
    setTransferNumbers(email, numbers) {
      const settings = store.calling.get(store.requirePersonByEmail(email).id);
      if (!settings) throw new Error(`${email} has no Webex Calling`);
      settings.transferNumbers = { ...numbers };
    },
    messages: (roomId) => store.messages.filter((m) => roomId === undefined || m.roomId === roomId),
    botMessages,
    waitForBotMessages: (o) => waiter.wait(o),
    faults: {
      add: (f) => faults.add(f),
      clear: () => faults.clear(),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setRateLimit(perSecond) {
      rateLimiter.setLimit(perSecond);
    },
    withholdScopes(scopes) {
      tokens.withholdScopes(scopes);
    },
    requests,
    clearRequests: () => {
      requests.splice(0);
    },
    deliveries: dispatcher.deliveries,
    deliveriesSettled: () => dispatcher.settled(),
  };
  return emulator;
}
