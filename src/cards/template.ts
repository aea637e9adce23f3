// Binds the JSON templates in cards/ to data with adaptivecards-templating, and refuses results with
// holes: a template field the data did not fill, or a null, would reach the agent as "${name}" or "null".
import { GlobalSettings, Template } from 'adaptivecards-templating';
import type { AdaptiveCardJson } from './types';

/** Template data: only strings, booleans and lists/records of them (never null or numbers). */
export type TemplateValue = string | boolean | TemplateData | TemplateValue[];
export interface TemplateData {
  [key: string]: TemplateValue;
}

/** Parses a template once; expand it as often as needed. */
export function compileTemplate(json: object): Template {
  return new Template(json);
}

function findHoles(value: unknown, path: string, holes: string[]): void {
  if (value === null || value === undefined) {
    holes.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findHoles(item, `${path}[${i}]`, holes));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) findHoles(child, `${path}.${key}`, holes);
  }
}

/** Expands `template` with `data`; throws if any template field was left unbound. */
export function expandTemplate(template: Template, data: TemplateData): unknown {
  const unbound: string[] = [];
  const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  // The engine asks this for every field the data lacks; record them instead of printing "${field}".
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
    unbound.push(path);
    return '';
  };
  let result: unknown;
  try {
    result = template.expand({ $root: data });
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
  if (unbound.length > 0) throw new Error(`card template fields without data: ${unbound.join(', ')}`);
  const holes: string[] = [];
  findHoles(result, '$', holes);
  if (holes.length > 0) throw new Error(`card template produced empty values at: ${holes.join(', ')}`);
  return result;
}

/** Expands a whole-card template and checks it is an Adaptive Card 1.3. */
export function expandCard(template: Template, data: TemplateData): AdaptiveCardJson {
  const card = expandTemplate(template, data) as Partial<AdaptiveCardJson> | undefined;
  if (!card || card.type !== 'AdaptiveCard' || card.version !== '1.3' || !Array.isArray(card.body)) {
    throw new Error('card template did not produce an Adaptive Card 1.3');
  }
  // A template whose only actions were conditional leaves an empty list behind.
  if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
  return card as AdaptiveCardJson;
}
