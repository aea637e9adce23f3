// Injected failures: which calls they hit (route, method, path regex, whose token) and for how many calls.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROUTES } from './route-table';
import type { CallerRole, FaultEntry, FaultSpec } from './types';

const faultSchema = z
  .object({
    route: z.enum(Object.keys(ROUTES) as [string, ...string[]]).optional(),
    method: z.string().min(1).optional(),
    path: z
      .string()
      .min(1)
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, 'path must be a valid regular expression')
      .optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfter: z.number().int().min(0).optional(),
    errorCode: z.number().int().optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    action: z.enum(['drop', 'hang', 'loopLink']).optional(),
    times: z.number().int().min(1).optional(),
    token: z.enum(['bot', 'admin', 'user']).optional(),
  })
  .strict()
  .refine((f) => f.status !== undefined || f.delayMs !== undefined || f.action !== undefined, 'a fault needs status, delayMs or action')
  .refine((f) => !(f.status !== undefined && f.action !== undefined), 'a fault has either status or action, not both');

export type FaultParseResult = { ok: true; spec: FaultSpec } | { ok: false; error: string };

export function parseFaultSpec(raw: unknown): FaultParseResult {
  const parsed = faultSchema.safeParse(raw);
  if (parsed.success) return { ok: true, spec: parsed.data as FaultSpec };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`).join('; ') };
}

export interface CallFacts {
  route: string;
  method: string;
  path: string;
  role: CallerRole;
}

function hits(fault: FaultEntry, call: CallFacts): boolean {
  const roleMatches = fault.token ? call.role === fault.token : call.role === 'bot' || call.role === 'admin';
  return (
    roleMatches &&
    (fault.route === undefined || fault.route === call.route) &&
    (fault.method === undefined || fault.method.toUpperCase() === call.method.toUpperCase()) &&
    (fault.path === undefined || new RegExp(fault.path).test(call.path))
  );
}

export class FaultRegistry {
  private entries: FaultEntry[] = [];

  /** Throws on an invalid spec. */
  add(spec: FaultSpec): string {
    const parsed = parseFaultSpec(spec);
    if (!parsed.ok) throw new Error(`Invalid fault: ${parsed.error}`);
    const id = randomUUID();
    this.entries.push({ ...parsed.spec, id, hits: 0 });
    return id;
  }

  list(): FaultEntry[] {
    return this.entries.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((f) => f.id !== id);
    return this.entries.length < before;
  }

  clear(): void {
    this.entries = [];
  }

  /** The first fault that hits this call, counted against its `times`. */
  take(call: CallFacts): FaultEntry | undefined {
    const fault = this.entries.find((f) => hits(f, call));
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return { ...fault };
  }
}
