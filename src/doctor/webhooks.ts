// What `npm run doctor` makes of the bot's webhooks: for WEBHOOK_URL exactly one firehose and one
// card-submit webhook (unfiltered, as `npm start` registers them), active and signed with
// WEBHOOK_SECRET; any more for that URL; and any pointing elsewhere. Pure, so every case is testable.
// Webex's reference lists `secret` in List Webhooks' answer (Webhook schema, webex-messaging.json);
// the doctor compares it and never shows it.
import type { Webhook } from '../webex/webhook-registrar';
import { shownUrl, urlHost } from './shown-url';
import type { CheckResult } from './types';

const TITLE = 'Webhooks';

const isKind = (h: Webhook, resource: string, event: string) => h.resource === resource && h.event === event && !h.filter;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Problems with the two webhooks the bot needs, in words; empty when there are none. */
function problemsOf(firehose: Webhook[], cards: Webhook[], secret: string): { problems: string[]; inactive: number; unsigned: number } {
  const problems: string[] = [];
  if (firehose.length === 0) problems.push('no firehose webhook (all/all)');
  if (firehose.length > 1) problems.push(`${firehose.length} firehose webhooks where one belongs`);
  if (cards.length === 0) problems.push('no card-submit webhook (attachmentActions/created)');
  if (cards.length > 1) problems.push(`${cards.length} card-submit webhooks where one belongs`);
  const needed = [...firehose, ...cards];
  const inactive = needed.filter((h) => h.status !== undefined && h.status !== 'active').length;
  if (inactive > 0) problems.push(`${inactive} inactive (Webex stops using a webhook whose deliveries keep failing)`);
  const otherSecret = needed.filter((h) => typeof h.secret === 'string' && h.secret !== '' && h.secret !== secret).length;
  if (otherSecret > 0) problems.push(`${plural(otherSecret, 'is', 'are')} signed with a secret other than WEBHOOK_SECRET (the bot refuses their deliveries)`);
  const unsigned = needed.filter((h) => typeof h.secret !== 'string' || h.secret === '').length;
  return { problems, inactive, unsigned };
}

export function judgeWebhooks(hooks: readonly Webhook[], target: string, secret: string): CheckResult[] {
  const where = shownUrl(target);
  const ours = hooks.filter((h) => h.targetUrl === target);
  const firehose = ours.filter((h) => isKind(h, 'all', 'all'));
  const cards = ours.filter((h) => isKind(h, 'attachmentActions', 'created'));
  const results: CheckResult[] = [];
  if (firehose.length === 0 && cards.length === 0) {
    results.push({
      id: 'webhooks',
      title: TITLE,
      status: 'warn',
      found: `none for ${where} yet`,
      fix: '`npm start` creates the two it needs (messages and memberships, and card submits); check afterwards that Webex can reach WEBHOOK_URL.',
    });
  } else {
    const { problems, inactive, unsigned } = problemsOf(firehose, cards, secret);
    if (problems.length > 0) {
      if (unsigned > 0) problems.push(`${unsigned} without a secret`);
      const reach = inactive > 0 ? ' If they turn inactive again, Webex cannot reach WEBHOOK_URL: check that it is reachable from the internet.' : '';
      results.push({
        id: 'webhooks',
        title: TITLE,
        status: 'fail',
        found: `for ${where}: ${problems.join('; ')}`,
        fix: `\`npm start\` repairs them: it creates what is missing, keeps the oldest of each kind, removes the rest, and sets WEBHOOK_SECRET and status active on the ones it keeps; run it once, then the doctor again.${reach}`,
      });
    } else if (unsigned > 0) {
      results.push({
        id: 'webhooks',
        title: TITLE,
        status: 'warn',
        found: `one firehose and one card-submit webhook for ${where}, both active, but Webex shows no secret for ${unsigned === 1 ? 'one of them' : 'either'}`,
        fix: 'A webhook without a secret gets unsigned deliveries, which the bot refuses: `npm start` sets WEBHOOK_SECRET on them.',
      });
    } else {
      results.push({ id: 'webhooks', title: TITLE, status: 'pass', found: `one firehose and one card-submit webhook for ${where}, both active and signed with WEBHOOK_SECRET` });
    }
  }
  const extra = ours.filter((h) => !firehose.includes(h) && !cards.includes(h));
  if (extra.length > 0) {
    const kinds = [...new Set(extra.map((h) => `${h.resource}/${h.event}${h.filter ? ' with a filter' : ''}`))].join(', ');
    results.push({
      id: 'webhooksExtra',
      title: 'More webhooks for WEBHOOK_URL',
      status: 'warn',
      found: `${extra.length} besides the two the bot needs (${kinds})`,
      fix: 'Delete them: the bot needs only the firehose and the card-submit webhook, and `npm start` leaves other webhooks alone.',
    });
  }
  const elsewhere = hooks.filter((h) => h.targetUrl !== target);
  if (elsewhere.length > 0) {
    const hosts = [...new Set(elsewhere.map((h) => urlHost(h.targetUrl)))].join(', ');
    results.push({
      id: 'webhooksElsewhere',
      title: 'Other webhooks of this bot',
      status: 'warn',
      found: `${elsewhere.length} point elsewhere (${hosts})`,
      fix: 'Delete them if no other deployment of this bot uses them: each one gets every event too.',
    });
  }
  return results;
}
