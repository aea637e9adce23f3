// The one adapter around webex-node-bot-framework and its SDK: loading it (load.ts), and, on the SDK
// instance the framework creates in start(), the pieces below, each with one job. Only this folder
// (and the types of the handlers) knows the framework.
import type Framework from 'webex-node-bot-framework';
import type { SpaceHints } from '../space-hints';
import { callPolicy, guardMethods, type CallPolicyOptions, type SdkInstance } from './call-policy';
import { answerDiscoveryFromHints } from './discovery-hints';
import { recordPosts } from './post-recorder';
import { cacheSenders, type PeopleStore } from './sender-cache';
import { overrideWebhooks, type WebhookRegistration } from './webhook-override';

export { createFramework, frameworkWebhookName, loadFrameworkClass, type FrameworkOptions } from './load';

export interface SdkGuardOptions extends CallPolicyOptions {
  /** What signed events already told us about spaces the framework has not discovered yet. */
  spaceHints?: SpaceHints;
  /** Webhook registration that is safe with several instances; the framework's own is replaced by it. */
  webhookRegistration?: WebhookRegistration;
  /** The bot's one people cache, shared with the look-ups. */
  people: PeopleStore;
  /** Every message the bot posted (card submits are checked against these). */
  onPosted?: (message: { id: string; roomId: string }) => void;
}

/** Installs the adapter's pieces on the SDK the framework creates in start(); call before start(). */
export function guardFrameworkSdk(framework: Framework, opts: SdkGuardOptions): void {
  const botIdentity = () => ({ id: framework.person?.id, email: framework.email, displayName: framework.person?.displayName });
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

function adapt(sdk: SdkInstance, opts: SdkGuardOptions, botIdentity: () => { id?: string; email?: string; displayName?: string }): SdkInstance {
  const guarded = callPolicy(opts);
  guardMethods(sdk, guarded);
  if (opts.onPosted) recordPosts(sdk, opts.onPosted);
  if (opts.spaceHints) answerDiscoveryFromHints(sdk, opts.spaceHints, botIdentity);
  if (opts.webhookRegistration) overrideWebhooks(sdk, opts.webhookRegistration);
  cacheSenders(sdk, guarded, opts.people);
  return sdk;
}

function isSdk(v: unknown): v is SdkInstance {
  return typeof v === 'object' && v !== null && typeof (v as SdkInstance).messages === 'object';
}
