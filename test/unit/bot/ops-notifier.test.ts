import { strict as assert } from 'node:assert';
import { OpsNotifier } from '../../../src/bot/ops-notifier';
import { WebexApiError } from '../../../src/webex/errors';
import { captureLogs } from '../../helpers/logs';

const rejected = new WebexApiError({ status: 401, message: 'expired', trackingId: 'T-401' });

describe('bot/OpsNotifier', () => {
  it('tells the operations space once per hour, with the tracking ID', async () => {
    let now = 0;
    const posts: Array<[string, string]> = [];
    const ops = new OpsNotifier({ roomId: 'OPS', logger: captureLogs().logger, now: () => now, post: async (room, md) => void posts.push([room, md]) });
    await ops.adminTokenRejected(rejected);
    now = 59 * 60_000;
    await ops.adminTokenRejected(rejected);
    assert.equal(posts.length, 1);
    assert.equal(posts[0][0], 'OPS');
    assert.match(posts[0][1], /the admin token was rejected by Webex \(401\)/);
    assert.match(posts[0][1], /Tracking ID: T-401/);
    now = 61 * 60_000;
    await ops.adminTokenRejected(rejected);
    assert.equal(posts.length, 2);
  });

  it('does nothing without an operations space, and never throws when posting fails', async () => {
    const logs = captureLogs();
    await new OpsNotifier({ logger: logs.logger, post: async () => assert.fail('no room, no post') }).adminTokenRejected(rejected);
    await new OpsNotifier({ roomId: 'OPS', logger: logs.logger, post: async () => Promise.reject(new Error('403')) }).adminTokenRejected(rejected);
    assert.ok(logs.lines().some((l) => l.msg === 'ops.notice_failed'));
  });
});
