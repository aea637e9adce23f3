import { strict as assert } from 'node:assert';
import { createMetrics } from '../../../src/ops/metrics';

/** The sample lines of one metric family, without HELP/TYPE comments. */
function samples(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('ops/metrics createMetrics', () => {
  it('serves the Prometheus text format with its content type', async () => {
    const metrics = createMetrics();
    assert.equal(metrics.contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const text = await metrics.metrics();
    assert.match(text, /^# HELP tnbot_commands_total Commands handled, by outcome\.$/m);
    assert.match(text, /^# TYPE tnbot_commands_total counter$/m);
    assert.match(text, /^# TYPE tnbot_reply_latency_seconds histogram$/m);
  });

  it('registers the default Node process metrics on its own registry', async () => {
    const text = await createMetrics().metrics();
    assert.match(text, /^# TYPE process_cpu_user_seconds_total counter$/m);
    assert.match(text, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  });

  it('keeps separate instances apart (no global registry)', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.commandFinished('answered', 0.2);
    assert.deepEqual(samples(await a.metrics(), 'tnbot_commands_total'), ['tnbot_commands_total{outcome="answered"} 1']);
    assert.deepEqual(samples(await b.metrics(), 'tnbot_commands_total'), []);
  });

  it('counts commands by outcome and observes their duration', async () => {
    const metrics = createMetrics();
    metrics.commandFinished('answered', 0.2);
    metrics.commandFinished('answered', 3);
    metrics.commandFinished('not_found', 0.04);
    const text = await metrics.metrics();
    assert.deepEqual(samples(text, 'tnbot_commands_total'), [
      'tnbot_commands_total{outcome="answered"} 2',
      'tnbot_commands_total{outcome="not_found"} 1',
    ]);
    assert.ok(text.includes('tnbot_command_duration_seconds_bucket{le="0.25",outcome="answered"} 1'));
    assert.ok(text.includes('tnbot_command_duration_seconds_bucket{le="5",outcome="answered"} 2'));
    assert.ok(text.includes('tnbot_command_duration_seconds_sum{outcome="answered"} 3.2'));
    assert.ok(text.includes('tnbot_command_duration_seconds_count{outcome="not_found"} 1'));
  });

  it('counts Webex calls by route, status and token, with durations in seconds', async () => {
    const metrics = createMetrics();
    metrics.webexCall({ route: 'people.list', status: 200, durationMs: 120, token: 'admin' });
    metrics.webexCall({ route: 'people.list', status: 200, durationMs: 80, token: 'admin' });
    metrics.webexCall({ route: 'messages.create', status: 429, durationMs: 10, token: 'bot' });
    metrics.webexCall({ route: 'people.get', status: 0, durationMs: 10_000, token: 'admin' });
    const text = await metrics.metrics();
    assert.deepEqual(samples(text, 'tnbot_webex_requests_total'), [
      'tnbot_webex_requests_total{route="people.list",status="200",token="admin"} 2',
      'tnbot_webex_requests_total{route="messages.create",status="429",token="bot"} 1',
      'tnbot_webex_requests_total{route="people.get",status="0",token="admin"} 1',
    ]);
    assert.ok(text.includes('tnbot_webex_request_duration_seconds_sum{route="people.list",token="admin"} 0.2'));
    assert.ok(text.includes('tnbot_webex_request_duration_seconds_bucket{le="0.1",route="people.list",token="admin"} 1'));
  });

  it('counts retries by route and the status that caused them', async () => {
    const metrics = createMetrics();
    metrics.webexRetry({ route: 'telephony.transferNumbers.get', status: 503 });
    metrics.webexRetry({ route: 'telephony.transferNumbers.get', status: 503 });
    metrics.webexRetry({ route: 'people.list', status: 429 });
    assert.deepEqual(samples(await metrics.metrics(), 'tnbot_webex_retries_total'), [
      'tnbot_webex_retries_total{route="telephony.transferNumbers.get",status="503"} 2',
      'tnbot_webex_retries_total{route="people.list",status="429"} 1',
    ]);
  });

  it('counts cache hits and misses and reports the hit ratio per cache', async () => {
    const metrics = createMetrics();
    metrics.cacheLookup('people', true);
    metrics.cacheLookup('people', true);
    metrics.cacheLookup('people', true);
    metrics.cacheLookup('people', false);
    metrics.cacheLookup('transferNumbers', false);
    const text = await metrics.metrics();
    assert.deepEqual(samples(text, 'tnbot_cache_lookups_total'), [
      'tnbot_cache_lookups_total{cache="people",result="hit"} 3',
      'tnbot_cache_lookups_total{cache="people",result="miss"} 1',
      'tnbot_cache_lookups_total{cache="transferNumbers",result="miss"} 1',
    ]);
    assert.deepEqual(samples(text, 'tnbot_cache_hit_ratio'), [
      'tnbot_cache_hit_ratio{cache="people"} 0.75',
      'tnbot_cache_hit_ratio{cache="transferNumbers"} 0',
    ]);
  });

  it('observes reply latency', async () => {
    const metrics = createMetrics();
    metrics.replyLatency(0.3);
    metrics.replyLatency(7);
    const text = await metrics.metrics();
    assert.ok(text.includes('tnbot_reply_latency_seconds_bucket{le="0.5"} 1'));
    assert.ok(text.includes('tnbot_reply_latency_seconds_bucket{le="10"} 2'));
    assert.ok(text.includes('tnbot_reply_latency_seconds_count 2'));
  });

  it('counts webhook events, folding unknown resources and events into "other"', async () => {
    const metrics = createMetrics();
    metrics.eventReceived('messages', 'created', 'accepted');
    metrics.eventReceived('messages', 'created', 'duplicate');
    metrics.eventReceived('x'.repeat(500), 'exploded', 'bad_signature');
    assert.deepEqual(samples(await metrics.metrics(), 'tnbot_webhook_events_total'), [
      'tnbot_webhook_events_total{resource="messages",event="created",result="accepted"} 1',
      'tnbot_webhook_events_total{resource="messages",event="created",result="duplicate"} 1',
      'tnbot_webhook_events_total{resource="other",event="other",result="bad_signature"} 1',
    ]);
  });

  it('keeps label values from code that are not identifiers out of the label set', async () => {
    const metrics = createMetrics();
    metrics.commandFinished('has spaces "and quotes"', 1);
    metrics.webexCall({ route: 'people.get', status: 999, durationMs: 1, token: 'admin' });
    const text = await metrics.metrics();
    assert.deepEqual(samples(text, 'tnbot_commands_total'), ['tnbot_commands_total{outcome="other"} 1']);
    assert.deepEqual(samples(text, 'tnbot_webex_requests_total'), ['tnbot_webex_requests_total{route="people.get",status="other",token="admin"} 1']);
  });

  it('counts admin token renewals by result', async () => {
    const metrics = createMetrics();
    metrics.adminTokenRenewal('ok');
    metrics.adminTokenRenewal('failed');
    metrics.adminTokenRenewal('ok');
    assert.deepEqual(samples(await metrics.metrics(), 'tnbot_admin_token_renewals_total'), [
      'tnbot_admin_token_renewals_total{result="ok"} 2',
      'tnbot_admin_token_renewals_total{result="failed"} 1',
    ]);
  });
});
