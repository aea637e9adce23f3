import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { listMembersFromPages, TooManyMembersError, type MembershipPage } from '../../../src/access/member-pages';
import { WebexApiError } from '../../../src/webex/errors';
import { caught } from '../../helpers/caught';

function pages(...itemLists: unknown[][]): MembershipPage {
  const [items, ...rest] = itemLists;
  if (rest.length === 0) return { items, hasNext: () => false };
  return { items, hasNext: () => true, next: async () => pages(...rest) };
}

const membership = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `M${n}`,
  roomId: 'R1',
  personId: `P${n}`,
  personEmail: `p${n}@example.com`,
  personOrgId: 'O1',
  personDisplayName: `Person ${n}`,
  ...extra,
});

describe('access/listMembersFromPages', () => {
  it('reads every page, asking for the room with the page size', async () => {
    const listPage = sinon.stub().resolves(pages([membership(1), membership(2)], [membership(3)]));
    const members = await listMembersFromPages(listPage, { pageSize: 2 })('R1');
    assert.deepEqual(listPage.firstCall.args, [{ roomId: 'R1', max: 2 }]);
    assert.deepEqual(members, [
      { personId: 'P1', personEmail: 'p1@example.com', personOrgId: 'O1' },
      { personId: 'P2', personEmail: 'p2@example.com', personOrgId: 'O1' },
      { personId: 'P3', personEmail: 'p3@example.com', personOrgId: 'O1' },
    ]);
  });

  it('asks for pages of 1000 by default', async () => {
    const listPage = sinon.stub().resolves(pages([]));
    assert.deepEqual(await listMembersFromPages(listPage)('R9'), []);
    assert.deepEqual(listPage.firstCall.args, [{ roomId: 'R9', max: 1000 }]);
  });

  it('keeps a member without orgId or email, and skips items without a person', async () => {
    const listPage = async () => pages([membership(1, { personOrgId: undefined, personEmail: 42 }), { id: 'M2' }, null, 'junk']);
    assert.deepEqual(await listMembersFromPages(listPage)('R1'), [{ personId: 'P1', personEmail: '' }]);
  });

  it('fails rather than trust part of a room bigger than maxMembers', async () => {
    const listPage = async () => pages([membership(1), membership(2)], [membership(3)]);
    await assert.rejects(listMembersFromPages(listPage, { maxMembers: 2 })('R1'), (err) => err instanceof TooManyMembersError && err.roomId === 'R1');
  });

  it('passes a failing page on', async () => {
    const failure = new Error('page 2 failed');
    const listPage = async (): Promise<MembershipPage> => ({ items: [membership(1)], hasNext: () => true, next: () => Promise.reject(failure) });
    await assert.rejects(listMembersFromPages(listPage)('R1'), (err) => err === failure);
  });

  it('fails (so the answer goes privately) when Webex keeps offering empty next pages', async () => {
    let served = 0;
    const endless = (): MembershipPage => ({ items: [], hasNext: () => true, next: async () => (served++, endless()) });
    await assert.rejects(
      listMembersFromPages(async () => endless(), { pageSize: 1000, maxMembers: 5000 })('R1'),
      (err) => err instanceof WebexApiError && err.message === 'Webex kept sending more pages of members; the listing was stopped after 15 pages',
    );
    assert.equal(served, 14, 'at most 5000/1000 + 10 pages are read, the first included');
  });

  it('fails (so the answer goes privately) at the second read when Webex sends the same page again', async () => {
    let served = 0;
    const looping = (): MembershipPage => ({ items: [membership(1), membership(2)], hasNext: () => true, next: async () => (served++, looping()) });
    const error = await caught(listMembersFromPages(async () => looping())('R1'));
    assert.equal(error.message, 'Webex kept sending the same pages of members; the listing was stopped after 2 pages');
    assert.deepEqual(error.paging, { what: 'members', reason: 'repeatedPage', pages: 2 });
    assert.equal(served, 1);
  });
});
