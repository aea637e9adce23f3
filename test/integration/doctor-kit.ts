// What the doctor tests share: the environment of a bot on an emulator, running the checks in-process
// or the built command as a child process, and reading one check's line.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { checkLine } from '../../src/doctor/report';
import { runDoctor } from '../../src/doctor/run';
import type { OptionalFeature } from '../../src/doctor/scopes';
import type { DoctorReport } from '../../src/doctor/types';
import type { Emulator, FaultSpec } from '../../sandbox/emulator';
import { captureLogs } from '../helpers/logs';
import { TEST_WEBHOOK_SECRET } from './harness';

export const HOOK_URL = 'https://bot.example.com/webhooks/webex';
const DOCTOR = path.resolve(__dirname, '..', '..', 'src', 'doctor', 'index.js');

export function doctorEnv(emu: Emulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    WEBEX_BOT_TOKEN: emu.tokens.bot,
    WEBEX_ADMIN_TOKEN: emu.tokens.admin,
    WEBEX_API_URL: emu.baseUrl,
    WEBHOOK_URL: HOOK_URL,
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ...overrides,
  };
}

export interface DoctorRun {
  env?: Record<string, string>;
  faults?: FaultSpec[];
  person?: string;
  features?: readonly OptionalFeature[];
}

/** Runs every check in this process, as `npm run doctor` would with that environment. */
export async function runChecks(emu: Emulator, run: DoctorRun = {}): Promise<DoctorReport> {
  for (const fault of run.faults ?? []) emu.faults.add(fault);
  const config = loadConfig(run.env ?? doctorEnv(emu));
  return runDoctor({ config, webex: config.webex!, logger: captureLogs('silent').logger, mode: 'real', person: run.person, features: run.features });
}

/** The text line of one check, with Webex's tracking IDs (new on every call) replaced by <id>. */
export function lineOf(report: DoctorReport, id: string): string {
  const check = report.checks.find((c) => c.id === id);
  assert.ok(check, `no ${id} check in ${report.checks.map((c) => c.id).join(', ')}`);
  return checkLine(check).replace(/tracking ID [^\s),;]+/g, 'tracking ID <id>');
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command; asynchronously, since the emulator it talks to lives in this process. */
export function runCommand(args: string[], env: Record<string, string | undefined>): Promise<CommandResult> {
  const childEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
  return new Promise((resolve) => {
    // Not the repo root: dotenv would fill unset variables from a developer's .env there.
    const child = spawn(process.execPath, [DOCTOR, ...args], { env: childEnv as NodeJS.ProcessEnv, cwd: os.tmpdir() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
