import { strict as assert } from 'node:assert';
import express from 'express';
import { metricsHandler } from '../../../src/ops/metrics-endpoint';
import { createMetrics } from '../../../src/ops/metrics';
import { listen, type Listening } from '../../helpers/http';

describe('ops/metrics-endpoint metricsHandler', () => {
  let server: Listening | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers GET /metrics with the registry text, its content type and no caching', async () => {
    const metrics = createMetrics();
    metrics.commandFinished('answered', 0.1);
    const app = express();
    app.get('/metrics', metricsHandler(metrics));
    server = await listen(app);

    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const text = await response.text();
    assert.ok(text.split('\n').includes('tnbot_commands_total{outcome="answered"} 1'));
  });
});
