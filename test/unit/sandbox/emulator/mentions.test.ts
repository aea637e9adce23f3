import { strict as assert } from 'node:assert';
import { parseMarkdown, type PersonResolver } from '../../../../sandbox/emulator/mentions';

const people: Record<string, { id: string; displayName: string }> = {
  BOTID: { id: 'BOTID', displayName: 'Transfer Bot' },
  'sam@example.com': { id: 'SAMID', displayName: 'Sam Support' },
};
const resolve: PersonResolver = (_kind, value) => people[value];

describe('sandbox/emulator/mentions parseMarkdown', () => {
  it('replaces a personId mention by its label and records the id', () => {
    const parsed = parseMarkdown('<@personId:BOTID|Transfer Bot> help', resolve);
    assert.deepEqual(parsed, {
      text: 'Transfer Bot help',
      html: '<p><spark-mention data-object-type="person" data-object-id="BOTID">Transfer Bot</spark-mention> help</p>',
      mentionedPeople: ['BOTID'],
    });
  });

  it('resolves personEmail mentions and uses the display name when there is no label', () => {
    const parsed = parseMarkdown('ask <@personEmail:sam@example.com> and <@personEmail:sam@example.com|Sam>', resolve);
    assert.equal(parsed.text, 'ask Sam Support and Sam');
    assert.deepEqual(parsed.mentionedPeople, ['SAMID']);
  });

  it('leaves an unknown person as plain text, not a mention', () => {
    const parsed = parseMarkdown('hi <@personEmail:ghost@example.com|Ghost>', resolve);
    assert.deepEqual([parsed.text, parsed.mentionedPeople, parsed.html], ['hi Ghost', [], '<p>hi Ghost</p>']);
  });

  it('strips emphasis markers from text and escapes html', () => {
    const parsed = parseMarkdown('**bold** <b> & `code`', resolve);
    assert.equal(parsed.text, 'bold <b> & code');
    assert.equal(parsed.html, '<p>bold &lt;b&gt; &amp; code</p>');
  });
});
