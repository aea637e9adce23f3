import { strict as assert } from 'node:assert';
import { parseLinkNext } from '../../../src/webex/link-header';

describe('webex/link-header parseLinkNext', () => {
  it('finds rel="next" among several links', () => {
    const header =
      '<https://webexapis.com/v1/people?max=2&cursor=a,b>; rel="first", <https://webexapis.com/v1/people?max=2&cursor=c>; rel="next"';
    assert.equal(parseLinkNext(header), 'https://webexapis.com/v1/people?max=2&cursor=c');
  });

  it('accepts unquoted and multi-valued rel, any case', () => {
    assert.equal(parseLinkNext('<https://x/a>; rel=next'), 'https://x/a');
    assert.equal(parseLinkNext('<https://x/b>; title="t"; REL="last Next"'), 'https://x/b');
  });

  it('is undefined without a next link', () => {
    assert.equal(parseLinkNext(undefined), undefined);
    assert.equal(parseLinkNext(''), undefined);
    assert.equal(parseLinkNext('<https://x/a>; rel="prev"'), undefined);
    assert.equal(parseLinkNext('<https://x/a>; rel="nextpage"'), undefined);
    assert.equal(parseLinkNext('garbage'), undefined);
  });
});
