// A Webex failure in the help-desk agent's words: what happened, and what to do next.
import type { WebexApiError } from '../webex/errors';
import { tryAgainIn } from './wait-words';
import { escapeMarkdown } from './escape';
import { pagingWording } from './paging-words';

/** What the bot was doing when Webex failed; a 404 means something different in each. */
export type WebexErrorContext =
  /** Finding the person (People API). */
  | 'resolve'
  /** Reading the person's transfer numbers (Webex Calling API). */
  | 'settings'
  /** Finding a workspace (List Workspaces, Get Workspace Details). */
  | 'workspaceResolve'
  /** Reading a workspace's transfer numbers (workspace calling settings). */
  | 'workspaceSettings'
  /** Anything else, e.g. fetching the message or card submit with the bot's own token. */
  | 'general';

export interface WebexErrorWords {
  /** Our own words: safe to show as is. */
  title: string;
  detail: string;
  nextStep: string;
  /** Webex's own explanation, when it adds something. Untrusted: escape before showing. */
  webexSaid?: string;
  /** What Webex support asks for. Untrusted: escape before showing. */
  trackingId?: string;
  /** Whether asking again later may work (busy, locked, outage, network). */
  retryable: boolean;
}

type Wording = Omit<WebexErrorWords, 'webexSaid' | 'trackingId'>;

const SCOPE_BY_CONTEXT: Record<WebexErrorContext, string> = {
  resolve: 'spark-admin:people_read',
  settings: 'spark-admin:telephony_config_read',
  workspaceResolve: 'spark-admin:workspaces_read',
  workspaceSettings: 'spark-admin:workspaces_read',
  general: 'spark-admin:telephony_config_read',
};

/** A failed look-up of a workspace: by what was asked for, or by whom it had found. */
export function isAboutWorkspace(outcome: { target?: { kind: string }; person?: { kind?: string } }): boolean {
  // Whom it found decides ("workspace Jones" may have found the person Workspace Jones).
  if (outcome.person) return outcome.person.kind === 'workspace';
  return outcome.target?.kind === 'workspaceId' || outcome.target?.kind === 'workspaceName';
}

/** The context of a look-up's failure: a workspace's calls need another scope and mean other things. */
export function lookupErrorContext(stage: 'resolve' | 'settings', workspace: boolean): WebexErrorContext {
  if (!workspace) return stage;
  return stage === 'resolve' ? 'workspaceResolve' : 'workspaceSettings';
}

/** Statuses whose Webex message is worth showing next to our words. */
const STATUSES_WITH_WEBEX_MESSAGE = new Set([400, 405, 409, 410, 415, 423, 428]);

/** Text that comes from an HTTP library or Node rather than from Webex; never shown. */
const LIBRARY_TEXT: readonly RegExp[] = [
  /status code \d{3}/i,
  /^(?:request|network) (?:failed|error)/i,
  /\bE(?:CONN|NOT|TIMED|AI_|PIPE|HOST|NET|ADDR|PROTO)[A-Z_]*\b/,
  /socket hang up|getaddrinfo|timeout of \d+ ?ms|aborted|axios/i,
  /\bat .*:\d+:\d+/,
  /\[object \w+\]|\bundefined\b|\bnull\b/,
];

function ownerStep(err: WebexApiError): string {
  return hasTrackingId(err)
    ? "If it keeps happening, tell the bot's owner and give them the tracking ID."
    : "If it keeps happening, tell the bot's owner.";
}

function hasTrackingId(err: WebexApiError): boolean {
  return typeof err.trackingId === 'string' && err.trackingId.trim() !== '';
}

function httpLabel(status: number): string {
  return Number.isInteger(status) && status > 0 ? ` (HTTP ${status})` : '';
}

function notFoundWording(context: WebexErrorContext): Wording {
  switch (context) {
    case 'resolve':
      return {
        title: 'Person not found',
        detail: 'Webex has no person with that email address or person ID.',
        nextStep: "Check the spelling, or try the person's email address.",
        retryable: false,
      };
    case 'settings':
      return {
        title: 'No Webex Calling',
        detail: 'Webex has no calling settings for this person; they may not have a Webex Calling license.',
        nextStep: 'Check their licensing and calling location in Control Hub.',
        retryable: false,
      };
    case 'workspaceResolve':
      return {
        title: 'Workspace not found',
        detail: 'Webex has no workspace with that ID.',
        nextStep: 'Check that the workspace ID was copied whole, or try the workspace name.',
        retryable: false,
      };
    case 'workspaceSettings':
      return {
        title: 'No Webex Calling',
        detail: 'Webex has no calling settings for this workspace; it may not have Webex Calling.',
        nextStep: 'Check its calling settings and location in Control Hub.',
        retryable: false,
      };
    case 'general':
      return {
        title: 'Not found',
        detail: 'Webex could not find the message or card I was asked about; it may have been deleted.',
        nextStep: 'Send your request again.',
        retryable: false,
      };
  }
}

function forbiddenWording(context: WebexErrorContext): Wording {
  return {
    title: 'Not permitted by Webex',
    detail: `The admin token lacks the permission (scope ${SCOPE_BY_CONTEXT[context]}) or API access is restricted in Control Hub.`,
    nextStep: "Ask the bot's owner to check the token's scopes and the API access settings in Control Hub.",
    retryable: false,
  };
}

function unauthorizedWording(context: WebexErrorContext): Wording {
  return {
    title: 'Authorization rejected',
    detail:
      context === 'general'
        ? "Webex rejected the bot's own authorization, or it has expired."
        : 'My admin authorization was rejected or has expired.',
    nextStep: "Ask the bot's owner to renew it.",
    retryable: false,
  };
}

function httpWording(err: WebexApiError, context: WebexErrorContext): Wording {
  const status = err.status;
  switch (status) {
    case 400:
      return {
        title: 'Webex rejected the request',
        detail: `Webex said my request was not valid${httpLabel(status)}.`,
        nextStep:
          context === 'resolve' || context === 'workspaceResolve'
            ? 'Check what you typed: an email address, a person or workspace ID, or the start of a display name.'
            : ownerStep(err),
        retryable: false,
      };
    case 401:
      return unauthorizedWording(context);
    case 403:
      return forbiddenWording(context);
    case 404:
      return notFoundWording(context);
    case 405:
      return {
        title: 'Webex refused the request',
        detail: `Webex does not allow this kind of request here${httpLabel(status)}; its API may have changed.`,
        nextStep: ownerStep(err),
        retryable: false,
      };
    case 409:
      return {
        title: 'Webex reported a conflict',
        detail: `Webex reported a conflict with another change${httpLabel(status)}.`,
        nextStep: 'Try again in a moment.',
        retryable: true,
      };
    case 410:
      return {
        title: 'No longer available',
        detail: `Webex says what I asked for no longer exists${httpLabel(status)}.`,
        nextStep: `Check the person in Control Hub. ${ownerStep(err)}`,
        retryable: false,
      };
    case 415:
      return {
        title: 'Webex refused the request format',
        detail: `Webex did not accept the format of my request${httpLabel(status)}.`,
        nextStep: ownerStep(err),
        retryable: false,
      };
    case 423:
      return {
        title: 'Settings are locked',
        detail: `Webex has these settings locked for the moment${httpLabel(status)}, usually while another change is made.`,
        nextStep: err.retryAfterSeconds ? `Try again ${tryAgainIn(err.retryAfterSeconds)}.` : 'Try again shortly.',
        retryable: true,
      };
    case 428:
      return {
        title: 'Webex needs a precondition',
        detail: `Webex needs something set up first before it can answer${httpLabel(status)}; the person's calling setup may be incomplete.`,
        nextStep: `Check the person's calling setup in Control Hub. ${ownerStep(err)}`,
        retryable: false,
      };
    case 429:
      return {
        title: 'Webex is busy',
        detail: `Webex is busy; try again ${tryAgainIn(err.retryAfterSeconds)}.`,
        nextStep: "If it keeps happening, tell the bot's owner: many look-ups may be running at once.",
        retryable: true,
      };
  }
  if (Number.isInteger(status) && status >= 500 && status <= 599) {
    return {
      title: 'Webex had a problem',
      detail: `Webex had a problem answering${httpLabel(status)}.`,
      nextStep: `Try again in a minute. ${ownerStep(err)}`,
      retryable: true,
    };
  }
  if (Number.isInteger(status) && status >= 400 && status <= 499) {
    return {
      title: 'Webex refused the request',
      detail: `Webex refused my request${httpLabel(status)}.`,
      nextStep: ownerStep(err),
      retryable: false,
    };
  }
  return {
    title: 'Unexpected answer from Webex',
    detail: `Webex gave an answer I did not expect${httpLabel(status)}.`,
    nextStep: `Try again. ${ownerStep(err)}`,
    retryable: true,
  };
}

function wording(err: WebexApiError, context: WebexErrorContext): Wording {
  if (err.paging) return pagingWording(err.paging, ownerStep(err));
  if (err.kind === 'unusableResponse') {
    return {
      title: 'Unusable answer from Webex',
      // The message is the bot's own (webex/http.ts, page-guard.ts, to-webex-api-error.ts); escaped all the same.
      detail: `Webex answered, but I could not use the answer. ${escapeMarkdown(err.message, 300)}.`,
      nextStep: `Trying again is unlikely to help. ${ownerStep(err)}`,
      retryable: false,
    };
  }
  if (err.kind === 'noToken') {
    return {
      title: 'No admin access right now',
      detail: 'I have no valid Webex admin access token at the moment, so I could not ask Webex.',
      nextStep: "Tell the bot's owner: the admin token or its refresh token needs renewing.",
      retryable: false,
    };
  }
  if (err.kind === 'network' || (err.kind !== 'timeout' && err.status === 0)) {
    return {
      title: 'Could not reach Webex',
      detail: 'I could not reach Webex; the network or Webex may be down.',
      nextStep: `Try again in a minute. ${ownerStep(err)}`,
      retryable: true,
    };
  }
  if (err.kind === 'timeout') {
    return {
      title: 'Webex did not answer in time',
      detail: 'Webex did not answer in time.',
      nextStep: `Try again in a moment. ${ownerStep(err)}`,
      retryable: true,
    };
  }
  return httpWording(err, context);
}

/** Webex's message, when it is Webex's own words and adds something to ours. */
function webexMessage(err: WebexApiError): string | undefined {
  if (err.kind !== 'http' || !STATUSES_WITH_WEBEX_MESSAGE.has(err.status)) return undefined;
  if (typeof err.message !== 'string') return undefined;
  const firstLine = err.message.split(/\r?\n/, 1)[0].trim();
  if (firstLine === '' || LIBRARY_TEXT.some((pattern) => pattern.test(firstLine))) return undefined;
  return firstLine;
}

/**
 * Maps a Webex failure to words for the help-desk agent. `title`, `detail` and `nextStep` are ours;
 * `webexSaid` and `trackingId` come from Webex and must be escaped by whoever shows them.
 */
export function describeWebexError(err: WebexApiError, context: WebexErrorContext = 'general'): WebexErrorWords {
  const words: WebexErrorWords = { ...wording(err, context) };
  const said = webexMessage(err);
  if (said !== undefined) words.webexSaid = said;
  if (hasTrackingId(err)) words.trackingId = (err.trackingId as string).trim();
  return words;
}
