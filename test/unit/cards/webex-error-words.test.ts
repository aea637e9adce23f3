import { strict as assert } from 'node:assert';
import { describeWebexError, type WebexErrorWords } from '../../../src/cards/webex-error-words';
import { apiError } from './examples';

const OWNER_WITH_ID = "If it keeps happening, tell the bot's owner and give them the tracking ID.";
const OWNER = "If it keeps happening, tell the bot's owner.";

/** Expected words while reading transfer numbers, with a tracking ID and no Retry-After. */
const SETTINGS_WORDS: Record<number, Omit<WebexErrorWords, 'trackingId' | 'webexSaid'>> = {
  400: {
    title: 'Webex rejected the request',
    detail: 'Webex said my request was not valid (HTTP 400).',
    nextStep: OWNER_WITH_ID,
    retryable: false,
  },
  401: {
    title: 'Authorization rejected',
    detail: 'My admin authorization was rejected or has expired.',
    nextStep: "Ask the bot's owner to renew it.",
    retryable: false,
  },
  403: {
    title: 'Not permitted by Webex',
    detail:
      'The admin token lacks the permission (scope spark-admin:telephony_config_read) or API access is restricted in Control Hub.',
    nextStep: "Ask the bot's owner to check the token's scopes and the API access settings in Control Hub.",
    retryable: false,
  },
  404: {
    title: 'No Webex Calling',
    detail: 'Webex has no calling settings for this person; they may not have a Webex Calling license.',
    nextStep: 'Check their licensing and calling location in Control Hub.',
    retryable: false,
  },
  405: {
    title: 'Webex refused the request',
    detail: 'Webex does not allow this kind of request here (HTTP 405); its API may have changed.',
    nextStep: OWNER_WITH_ID,
    retryable: false,
  },
  409: {
    title: 'Webex reported a conflict',
    detail: 'Webex reported a conflict with another change (HTTP 409).',
    nextStep: 'Try again in a moment.',
    retryable: true,
  },
  410: {
    title: 'No longer available',
    detail: 'Webex says what I asked for no longer exists (HTTP 410).',
    nextStep: `Check the person in Control Hub. ${OWNER_WITH_ID}`,
    retryable: false,
  },
  415: {
    title: 'Webex refused the request format',
    detail: 'Webex did not accept the format of my request (HTTP 415).',
    nextStep: OWNER_WITH_ID,
    retryable: false,
  },
  423: {
    title: 'Settings are locked',
    detail: 'Webex has these settings locked for the moment (HTTP 423), usually while another change is made.',
    nextStep: 'Try again shortly.',
    retryable: true,
  },
  428: {
    title: 'Webex needs a precondition',
    detail: "Webex needs something set up first before it can answer (HTTP 428); the person's calling setup may be incomplete.",
    nextStep: `Check the person's calling setup in Control Hub. ${OWNER_WITH_ID}`,
    retryable: false,
  },
  429: {
    title: 'Webex is busy',
    detail: 'Webex is busy; try again in a little while.',
    nextStep: "If it keeps happening, tell the bot's owner: many look-ups may be running at once.",
    retryable: true,
  },
  500: {
    title: 'Webex had a problem',
    detail: 'Webex had a problem answering (HTTP 500).',
    nextStep: `Try again in a minute. ${OWNER_WITH_ID}`,
    retryable: true,
  },
  502: {
    title: 'Webex had a problem',
    detail: 'Webex had a problem answering (HTTP 502).',
    nextStep: `Try again in a minute. ${OWNER_WITH_ID}`,
    retryable: true,
  },
  503: {
    title: 'Webex had a problem',
    detail: 'Webex had a problem answering (HTTP 503).',
    nextStep: `Try again in a minute. ${OWNER_WITH_ID}`,
    retryable: true,
  },
  504: {
    title: 'Webex had a problem',
    detail: 'Webex had a problem answering (HTTP 504).',
    nextStep: `Try again in a minute. ${OWNER_WITH_ID}`,
    retryable: true,
  },
};

/** Webex's own messages that are shown for these statuses (and hidden for the others). */
const STATUSES_SHOWING_WEBEX_MESSAGE = [400, 405, 409, 410, 415, 423, 428];

describe('cards/webex-error-words describeWebexError', () => {
  for (const [status, expected] of Object.entries(SETTINGS_WORDS)) {
    it(`words HTTP ${status} for the agent, with the tracking ID`, () => {
      const words = describeWebexError(apiError({ status: Number(status), message: 'Webex text', trackingId: 'ROUTER_ABC-1' }), 'settings');
      const webexSaid = STATUSES_SHOWING_WEBEX_MESSAGE.includes(Number(status)) ? { webexSaid: 'Webex text' } : {};
      assert.deepEqual(words, { ...expected, ...webexSaid, trackingId: 'ROUTER_ABC-1' });
    });
  }

  it('tells who to ask without mentioning a tracking ID when there is none', () => {
    const words = describeWebexError(apiError({ status: 503, message: 'Service Unavailable' }), 'settings');
    assert.equal(words.nextStep, `Try again in a minute. ${OWNER}`);
    assert.equal('trackingId' in words, false);
    assert.equal(describeWebexError(apiError({ status: 503, trackingId: '  ' })).trackingId, undefined);
  });

  it('uses Retry-After for 429 and 423', () => {
    assert.equal(describeWebexError(apiError({ status: 429, retryAfterSeconds: 30 })).detail, 'Webex is busy; try again in 30 seconds.');
    assert.equal(describeWebexError(apiError({ status: 429, retryAfterSeconds: 1 })).detail, 'Webex is busy; try again in 1 second.');
    assert.equal(describeWebexError(apiError({ status: 429, retryAfterSeconds: 2.2 })).detail, 'Webex is busy; try again in 3 seconds.');
    assert.equal(describeWebexError(apiError({ status: 429, retryAfterSeconds: -5 })).detail, 'Webex is busy; try again in a little while.');
    assert.equal(describeWebexError(apiError({ status: 423, retryAfterSeconds: 10 })).nextStep, 'Try again in 10 seconds.');
  });

  it('words any other 5xx as a Webex problem and any other 4xx as a refusal', () => {
    assert.equal(describeWebexError(apiError({ status: 599 })).title, 'Webex had a problem');
    assert.equal(describeWebexError(apiError({ status: 501 })).detail, 'Webex had a problem answering (HTTP 501).');
    assert.deepEqual(describeWebexError(apiError({ status: 418, message: 'teapot' })), {
      title: 'Webex refused the request',
      detail: 'Webex refused my request (HTTP 418).',
      nextStep: OWNER,
      retryable: false,
    });
    assert.equal(describeWebexError(apiError({ status: 302 })).title, 'Unexpected answer from Webex');
  });

  it('says 404 differently when finding the person, reading settings, or anything else', () => {
    const err = apiError({ status: 404, message: 'Not Found' });
    assert.deepEqual(describeWebexError(err, 'resolve'), {
      title: 'Person not found',
      detail: 'Webex has no person with that email address or person ID.',
      nextStep: "Check the spelling, or try the person's email address.",
      retryable: false,
    });
    assert.equal(describeWebexError(err, 'settings').title, 'No Webex Calling');
    assert.deepEqual(describeWebexError(err, 'general'), {
      title: 'Not found',
      detail: 'Webex could not find the message or card I was asked about; it may have been deleted.',
      nextStep: 'Send your request again.',
      retryable: false,
    });
    assert.equal(describeWebexError(err).title, 'Not found', 'general is the default context');
  });

  it('names the scope the failing call needs in 403', () => {
    const err = apiError({ status: 403 });
    assert.match(describeWebexError(err, 'resolve').detail, /\(scope spark-admin:people_read\)/);
    assert.match(describeWebexError(err, 'settings').detail, /\(scope spark-admin:telephony_config_read\)/);
  });

  it("asks for the bot's own token to be renewed on 401 outside a look-up", () => {
    assert.equal(describeWebexError(apiError({ status: 401 }), 'general').detail, "Webex rejected the bot's own authorization, or it has expired.");
    assert.equal(describeWebexError(apiError({ status: 401 }), 'resolve').detail, 'My admin authorization was rejected or has expired.');
  });

  it('asks to check the input on 400 while finding the person', () => {
    assert.equal(
      describeWebexError(apiError({ status: 400 }), 'resolve').nextStep,
      'Check what you typed: an email address, a person or workspace ID, or the start of a display name.',
    );
  });

  it('words network failures and timeouts without any library text', () => {
    const network = describeWebexError(apiError({ status: 0, kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:443', trackingId: 'T1' }));
    assert.deepEqual(network, {
      title: 'Could not reach Webex',
      detail: 'I could not reach Webex; the network or Webex may be down.',
      nextStep: `Try again in a minute. ${OWNER_WITH_ID}`,
      retryable: true,
      trackingId: 'T1',
    });
    const timeout = describeWebexError(apiError({ status: 0, kind: 'timeout', message: 'timeout of 5000ms exceeded' }));
    assert.deepEqual(timeout, {
      title: 'Webex did not answer in time',
      detail: 'Webex did not answer in time.',
      nextStep: `Try again in a moment. ${OWNER}`,
      retryable: true,
    });
    assert.equal(describeWebexError(apiError({ status: 0, message: 'socket hang up' })).title, 'Could not reach Webex');
  });

  it("shows Webex's own message only when it is Webex's words, first line only", () => {
    assert.equal(describeWebexError(apiError({ status: 400, message: 'Invalid email address.\nmore' })).webexSaid, 'Invalid email address.');
    for (const libraryText of [
      'Request failed with status code 400',
      'connect ECONNRESET 10.0.0.1:443',
      'AxiosError: bad',
      '    at Object.<anonymous> (/app/x.js:1:2)',
      'got undefined',
      '',
    ]) {
      assert.equal(describeWebexError(apiError({ status: 400, message: libraryText })).webexSaid, undefined, libraryText);
    }
    assert.equal(describeWebexError(apiError({ status: 401, message: 'The request requires a valid access token.' })).webexSaid, undefined);
  });

  it('does not call a refused next-page link or an oversize answer "could not reach Webex"', () => {
    const offHost = apiError({ status: 0, kind: 'unusableResponse', message: 'Webex pointed to a next page outside the Webex API; it was not followed' });
    assert.deepEqual(describeWebexError(offHost), {
      title: 'Unusable answer from Webex',
      detail: 'Webex answered, but I could not use the answer. Webex pointed to a next page outside the Webex API; it was not followed.',
      nextStep: `Trying again is unlikely to help. ${OWNER}`,
      retryable: false,
    });
    const oversize = apiError({ status: 0, kind: 'unusableResponse', message: 'Webex sent an answer larger than the bot reads (10 MB); it was not used' });
    assert.equal(describeWebexError(oversize).detail, 'Webex answered, but I could not use the answer. Webex sent an answer larger than the bot reads (10 MB); it was not used.');
  });

  it('names a listing Webex would not let end, with the tracking ID step when there is one', () => {
    const paging = (reason: 'repeatedPage' | 'tooManyPages' | 'tooManyItems', pages: number, trackingId?: string) =>
      describeWebexError(apiError({ status: 0, kind: 'unusableResponse', message: 'for logs', trackingId, paging: { what: 'people', reason, pages } }), 'resolve');
    assert.deepEqual(paging('repeatedPage', 1), {
      title: 'Webex kept sending the same pages',
      detail: 'Webex kept sending the same pages of people, so I stopped after 1 page.',
      nextStep: `Try again later. ${OWNER}`,
      retryable: true,
    });
    assert.deepEqual(paging('tooManyPages', 10_000), {
      title: 'Webex kept sending more pages',
      detail: 'Webex kept sending more pages of people, so I stopped after 10,000 pages.',
      nextStep: `Try again later. ${OWNER}`,
      retryable: true,
    });
    assert.deepEqual(paging('tooManyItems', 1_001, 'T-1'), {
      title: 'Too many to read',
      detail: 'Webex listed more people than I read in one go, so I stopped after 1,001 pages.',
      nextStep: "Trying again is unlikely to help. If it keeps happening, tell the bot's owner and give them the tracking ID.",
      retryable: false,
      trackingId: 'T-1',
    });
  });

  it('says the admin token is missing, not that Webex is unreachable, when there is no token', () => {
    assert.deepEqual(describeWebexError(apiError({ status: 0, kind: 'noToken', message: 'No Webex access token is available' })), {
      title: 'No admin access right now',
      detail: 'I have no valid Webex admin access token at the moment, so I could not ask Webex.',
      nextStep: "Tell the bot's owner: the admin token or its refresh token needs renewing.",
      retryable: false,
    });
  });
});
