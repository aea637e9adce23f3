// A measured figure with its target, and the pass/fail rule that goes with it.

export interface Figure {
  /** What was measured, as printed in the table. */
  name: string;
  /** The measured value (1/0 for yes/no figures); NaN when it could not be measured. */
  value: number;
  /** The value as printed, with its unit. */
  shown: string;
  /** The target as printed, e.g. "≤ 3 calls". */
  target: string;
  pass: boolean;
}

type Comparison = 'atMost' | 'below' | 'atLeast';

const SYMBOL: Record<Comparison, string> = { atMost: '≤', below: '<', atLeast: '≥' };

export function figure(name: string, value: number, unit: string, comparison: Comparison, limit: number): Figure {
  const pass =
    Number.isFinite(value) && (comparison === 'atMost' ? value <= limit : comparison === 'below' ? value < limit : value >= limit);
  return { name, value, shown: withUnit(value, unit), target: `${SYMBOL[comparison]} ${withUnit(limit, unit)}`, pass };
}

/** A yes/no figure. */
export function check(name: string, ok: boolean, expectation: string): Figure {
  return { name, value: ok ? 1 : 0, shown: ok ? 'yes' : 'no', target: expectation, pass: ok };
}

function withUnit(value: number, unit: string): string {
  const number = !Number.isFinite(value) ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(1);
  return unit === '' || number === 'n/a' ? number : `${number} ${unit}`;
}
