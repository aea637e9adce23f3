// The one adapter around webex-node-bot-framework and its SDK; no other folder imports the package
// (eslint.config.mjs holds them to it). It loads the framework (load.ts), hands it verified events
// (process-event.ts), gives the rest of the bot the framework's types, and, on the SDK instance the
// framework creates in start(), installs the pieces below, each with one job.
import type Framework from 'webex-node-bot-framework';
import { callPolicy, guardMethods, type CallPolicyOptions, type SdkInstance } from './call-policy';
import { answerDiscoveryFromHints, type BotIdentity } from './discovery-hints';
import { recordPosts } from './post-recorder';
import { cacheSenders, type PeopleStore } from './sender-cache';
import type { SpaceHints } from './space-hints';
import { overrideWebhooks, type WebhookRegistration } from './webhook-override';

export { createFramework, frameworkWebhookName, loadFrameworkClass, type FrameworkOptions } from './load';
export { processWebhookEvent } from './process-event';
export { SpaceHints, type SpaceHint } from './space-hints';
/** The framework's own types, for the handlers and the composition root. */
export type { Framework };

export interface FrameworkAdapterOptions extends CallPolicyOptions {
  /** What signed events already told us about spaces the framework has not discovered yet. */
  spaceHints?: SpaceHints;
  /** Webhook registration that is safe with several instances; the framework's own is replaced by it. */
  webhookRegistration?: WebhookRegistration;
  /** The bot's one people cache, shared with the look-ups. */
  people: PeopleStore;
  /** Every message the bot posted (card submits are checked against these). */
  onPosted?: (message: { id: string; roomId: string }) => void;
}

/**
 * Installs the adapter on the SDK the framework creates in start() (it replaces framework.webex
 * there, so the adapter waits for that assignment); call before start().
 */
export function installFrameworkAdapter(framework: Framework, opts: FrameworkAdapterOptions): void {
  const botIdentity: BotIdentity = () => ({ id: framework.person?.id, email: framework.email, displayName: framework.person?.displayName });
  let sdk: unknown = framework.webex;
  Object.defineProperty(framework, 'webex', {
    configurable: true,
    enumerable: true,
    get: () => sdk,
    set: (value: unknown) => {
      sdk = isSdk(value) ? adapt(value, opts, botIdentity) : value;
    },
  });
}

function adapt(sdk: SdkInstance, opts: FrameworkAdapterOptions, botIdentity: BotIdentity): SdkInstance {
  const guarded = callPolicy(opts);
  guardMethods(sdk, guarded);
  // Order matters: the pieces below wrap or replace the guarded methods, so what the hints or the
  // registrar answer is neither gated nor counted as one of the SDK's Webex calls.
  if (opts.onPosted) recordPosts(sdk, opts.onPosted);
  if (opts.spaceHints) answerDiscoveryFromHints(sdk, opts.spaceHints, botIdentity);
  if (opts.webhookRegistration) overrideWebhooks(sdk, opts.webhookRegistration);
  cacheSenders(sdk, guarded, opts.people);
  return sdk;
}

function isSdk(v: unknown): v is SdkInstance {
  return typeof v === 'object' && v !== null && typeof (v as SdkInstance).messages === 'object';
}
