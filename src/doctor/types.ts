// What `npm run doctor` reports: one result per check, each with what was found and how to fix it.

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, in words a deployer acts on. Never a token or a secret. */
  found: string;
  /** What to do about it (fail and warn). */
  fix?: string;
}

export interface DoctorReport {
  /** True when no check failed (warnings and skipped checks do not count). */
  ok: boolean;
  /** 'sandbox' when no Webex credentials are set and the checks ran against the built-in emulator. */
  mode: 'real' | 'sandbox';
  checks: CheckResult[];
}

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_INVALID_CONFIG = 2;

/** The exit code of `npm run doctor` for a report (an invalid configuration exits before any report). */
export function exitCodeOf(report: DoctorReport): number {
  if (report.checks.some((c) => c.id === 'config' && c.status === 'fail')) return EXIT_INVALID_CONFIG;
  return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
}
