// The doctor's report as text (one line per check) or as JSON for machines.
import type { CheckResult, CheckStatus, DoctorReport } from './types';

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '–' };

export function checkLine(check: CheckResult): string {
  const fix = check.fix ? ` Fix: ${check.fix}` : '';
  return `${MARK[check.status]} ${check.title}: ${check.found}.${fix}`;
}

export function textReport(report: DoctorReport): string {
  const lines = report.checks.map(checkLine);
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  lines.push('', failed === 0 ? 'Every required check passed.' : `${failed} required check${failed === 1 ? '' : 's'} failed.`);
  return `${lines.join('\n')}\n`;
}

export function jsonReport(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The configuration problems start-up reports, as failed checks. */
export function configReport(problems: readonly string[]): DoctorReport {
  return {
    ok: false,
    mode: 'real',
    checks: problems.map((problem) => ({ id: 'config', title: 'Configuration', status: 'fail' as const, found: problem, fix: 'See .env.example and the README for every variable' })),
  };
}
