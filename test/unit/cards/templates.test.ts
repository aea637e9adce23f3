import { strict as assert } from 'node:assert';
import candidates from '../../../cards/candidates.json';
import edit from '../../../cards/edit.json';
import help from '../../../cards/help.json';
import lookupForm from '../../../cards/lookup-form.json';
import many from '../../../cards/many.json';
import notFound from '../../../cards/not-found.json';
import notice from '../../../cards/notice.json';
import result from '../../../cards/result.json';
import reverse from '../../../cards/reverse.json';
import { CARD_ACTION, CARD_INPUT_TARGET } from '../../../src/cards/types';
import { MAX_TARGET_LENGTH } from '../../../src/commands/target';
import { compileTemplate, expandCard, expandTemplate } from '../../../src/cards/template';
import { allStrings } from '../../helpers/card-validation';

const CARD_TEMPLATES = { candidates, edit, help, many, notFound, notice, result, reverse } as const;

function submitData(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const node = v as Record<string, unknown>;
      if (node.type === 'Action.Submit') found.push(node.data as Record<string, unknown>);
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return found;
}

describe('cards/ templates', () => {
  for (const [name, template] of Object.entries(CARD_TEMPLATES)) {
    it(`${name}.json is an Adaptive Card 1.3 with the schema URL`, () => {
      assert.equal(template.type, 'AdaptiveCard');
      assert.equal(template.version, '1.3');
      assert.equal(template.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
    });
  }

  it('the form input id is CARD_INPUT_TARGET and it takes no more than the parser accepts', () => {
    assert.equal(lookupForm.items[0].id, CARD_INPUT_TARGET);
    assert.equal(lookupForm.items[0].maxLength, MAX_TARGET_LENGTH);
  });

  it('every submit button sends an action the bot knows, and never the input id as a data key', () => {
    const all = [...Object.values(CARD_TEMPLATES), lookupForm].flatMap(submitData);
    assert.deepEqual([...new Set(all.map((data) => data.action))].sort(), Object.values(CARD_ACTION).sort());
    for (const data of all) assert.ok(!(CARD_INPUT_TARGET in data));
  });

  it('expanding fails loudly when data is missing, instead of showing "${field}"', () => {
    assert.throws(() => expandCard(compileTemplate(notFound), { searched: 'x' }), /nextStep/);
    assert.throws(() => expandTemplate(compileTemplate({ type: 'TextBlock', text: 'a ${b}' }), {}), /b/);
  });

  it('user data that looks like a binding is shown literally, not evaluated', () => {
    const out = expandCard(compileTemplate(notFound), { searched: '${nextStep}', nextStep: '${searched}' });
    assert.deepEqual(allStrings(out.body).filter((s) => s.includes('$')), ['${nextStep}', '${searched}']);
  });
});
