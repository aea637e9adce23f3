// The validation helper must reject what Webex would reject, or every card test could pass wrongly.
import { strict as assert } from 'node:assert';
import { assertNoJunkText, assertValidCard, assertValidMessage } from '../../helpers/card-validation';

function card(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.3',
    body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
    ...overrides,
  };
}

const submit = (title: string) => ({ type: 'Action.Submit', title, data: { action: 'x' } });

describe('test helper card-validation', () => {
  it('accepts a plain valid card and message', () => {
    assertValidCard(card({ actions: [submit('a')] }));
    assertValidMessage({ markdown: 'Hello', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card() as never }] });
  });

  const rejected: [string, Record<string, unknown>, RegExp][] = [
    ['another version', card({ version: '1.4' }), /1\.3/],
    ['a missing $schema', card({ $schema: undefined }), /adaptive-card\.json/],
    ['an empty body', card({ body: [] }), /non-empty/],
    ['an unknown property', card({ body: [{ type: 'TextBlock', text: 'x', colour: 'red' }] }), /schema/],
    ['a TextBlock without text', card({ body: [{ type: 'TextBlock' }] }), /schema/],
    ['a bad enum value', card({ body: [{ type: 'TextBlock', text: 'x', size: 'huge' }] }), /schema|size/],
    ['an element newer than 1.3', card({ body: [{ type: 'Table', columns: [], rows: [] }] }), /schema/],
    ['Media', card({ body: [{ type: 'Media', sources: [{ url: 'https://example.com/a.mp4', mimeType: 'video/mp4' }] }] }), /Media/],
    ['Action.ToggleVisibility', card({ actions: [{ type: 'Action.ToggleVisibility', title: 't', targetElements: ['a'] }] }), /ToggleVisibility/],
    ['fallbackText', card({ fallbackText: 'x' }), /fallbackText/],
    ['speak', card({ speak: 'x' }), /speak/],
    ['a fallback on an element', card({ body: [{ type: 'TextBlock', text: 'x', fallback: 'drop' }] }), /fallback/],
    ['six actions', card({ actions: ['1', '2', '3', '4', '5', '6'].map(submit) }), /(6 actions|Maximum number of actions)/],
    [
      'six actions split between the card and an ActionSet',
      card({ body: [{ type: 'ActionSet', actions: [submit('a'), submit('b')] }], actions: ['1', '2', '3', '4'].map(submit) }),
      /6 actions/,
    ],
    [
      'submit data reusing an input id',
      card({ body: [{ type: 'Input.Text', id: 'target' }], actions: [{ type: 'Action.Submit', title: 'go', data: { target: 'x' } }] }),
      /input id/,
    ],
    ['duplicate input ids', card({ body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }), /Duplicate Id/],
    ['NaN', card({ body: [{ type: 'TextBlock', text: 'x', maxLines: Number.NaN }] }), /finite/],
    ['associatedInputs (Webex does not list it)', card({ actions: [{ ...submit('a'), associatedInputs: 'none' }] }), /associatedInputs/],
    [
      'a required input beside another submit button (it would block that button while empty)',
      card({
        body: [{ type: 'Input.Text', id: 'target', label: 'Who', isRequired: true, errorMessage: 'Type someone' }],
        actions: [submit('Look up'), submit('Refresh')],
      }),
      /would block the card's other 1 submit button/,
    ],
  ];

  it('accepts a required input whose card has only the button that needs it, also inside an Action.ShowCard', () => {
    const form = { type: 'Input.Text', id: 'target', label: 'Who', isRequired: true, errorMessage: 'Type someone' };
    assertValidCard(card({ body: [form], actions: [submit('Look up')] }));
    assertValidCard(
      card({
        actions: [
          submit('Refresh'),
          { type: 'Action.ShowCard', title: 'Look up another person', card: { type: 'AdaptiveCard', body: [form], actions: [submit('Look up')] } },
        ],
      }),
    );
  });
  for (const [what, bad, message] of rejected) {
    it(`rejects ${what}`, () => {
      assert.throws(() => assertValidCard(bad), message);
    });
  }

  it('rejects a fallback over 7439 bytes, an empty fallback, and two attachments', () => {
    assert.throws(() => assertValidMessage({ markdown: 'é'.repeat(3720) }), /7440 bytes/);
    assert.throws(() => assertValidMessage({ markdown: '  ' }), /empty/);
    const attachment = { contentType: 'application/vnd.microsoft.card.adaptive' as const, content: card() as never };
    assert.throws(() => assertValidMessage({ markdown: 'x', attachments: [attachment, attachment] as never }), /one card/);
  });

  it('rejects leaked values, stack traces and HTTP-library text anywhere in the message', () => {
    for (const junk of ['Hello undefined', 'null', '[object Object]', '${name}', 'Error: x\n    at foo (file.js:1:2)', 'Request failed with status code 500', 'NaN']) {
      assert.throws(() => assertNoJunkText({ markdown: junk }), /matches/, junk);
    }
    assertNoJunkText({ markdown: 'Nullarbor Undefinedness' });
  });
});
