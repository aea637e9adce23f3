import { strict as assert } from 'node:assert';
import { resolveRoute } from '../../../../sandbox/emulator/route-table';

describe('sandbox/emulator/route-table resolveRoute', () => {
  const cases: [string, string, string | undefined][] = [
    ['GET', '/people/me', 'people.me'],
    ['GET', '/people/', 'people.list'],
    ['GET', '/people/abc', 'people.get'],
    ['GET', '/people/abc/features/outgoingPermission', 'outgoingPermission.get'],
    ['PUT', '/telephony/config/people/abc/outgoingPermission/autoTransferNumbers', 'transferNumbers.put'],
    ['GET', '/attachment/actions/abc', 'attachmentActions.get'],
    ['delete', '/webhooks/abc/', 'webhooks.delete'],
    ['POST', '/access_token', 'accessToken'],
    ['PATCH', '/people/abc', undefined],
    ['GET', '/teams', undefined],
  ];
  for (const [method, path, name] of cases) {
    it(`${method} ${path} -> ${name ?? 'none'}`, () => {
      assert.equal(resolveRoute(method, path), name);
    });
  }
});
