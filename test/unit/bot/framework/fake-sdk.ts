// A fake of the Webex SDK instance the framework creates: plain objects with sinon stubs, in the
// shape of the plugins the adapter wraps.
import sinon from 'sinon';
import type { SdkInstance } from '../../../../src/bot/framework/call-policy';
import { createRateGate, type RateGate } from '../../../../src/webex/rate-gate';

export function fakeSdk(overrides: Record<string, Record<string, unknown>> = {}): SdkInstance {
  return {
    messages: { get: sinon.stub().resolves({ id: 'M1' }), create: sinon.stub().resolves({ id: 'M2', roomId: 'R1' }), list: sinon.stub(), remove: sinon.stub() },
    people: { get: sinon.stub().resolves({ id: 'me-id' }), list: sinon.stub() },
    memberships: { list: sinon.stub().resolves({ items: [] }), get: sinon.stub().resolves({ id: 'MB' }) },
    rooms: { get: sinon.stub().resolves({ id: 'R1' }) },
    attachmentActions: { get: sinon.stub() },
    webhooks: { list: sinon.stub(), create: sinon.stub().resolves({ id: 'W-framework' }), remove: sinon.stub().resolves(), update: sinon.stub() },
    ...overrides,
  } as unknown as SdkInstance;
}

/** The shape of the Webex SDK's errors (WebexHttpError). */
export function sdkError(statusCode: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`status ${statusCode}`), {
    statusCode,
    headers,
    body: { message: `Webex said ${statusCode}` },
    options: { method: 'GET', uri: 'https://webexapis.com/v1/messages/M1' },
  });
}

/** A real rate gate whose holds are recorded (in seconds) and not waited for. */
export function recordingGate(): { gate: RateGate; holds: number[] } {
  const holds: number[] = [];
  const gate = createRateGate({ maxConcurrent: 4, maxPerSecond: 0 });
  const holdFor = gate.holdFor.bind(gate);
  gate.holdFor = (seconds, cause) => {
    holds.push(seconds);
    holdFor(0, cause);
  };
  return { gate, holds };
}

/** Calls an SDK method the way the framework does. */
export function call<T = unknown>(sdk: SdkInstance, plugin: string, method: string, ...args: unknown[]): Promise<T> {
  return (sdk[plugin][method] as (...a: unknown[]) => Promise<T>)(...args);
}

export const noSleep = { sleep: async () => undefined };
