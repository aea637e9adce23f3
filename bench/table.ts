// The results as one plain-text table: figure, value, target, pass/fail.
import type { Figure } from './figures';

export function renderTable(figures: readonly Figure[]): string {
  const rows = [['Figure', 'Value', 'Target', 'Result'], ...figures.map((f) => [f.name, f.shown, f.target, f.pass ? 'pass' : 'FAIL'])];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => [...row[col]].length)));
  const line = (row: string[]) => `| ${row.map((cell, col) => cell + ' '.repeat(widths[col] - [...cell].length)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}
