// The environment variables this bot reads. Their names are a contract with deployers: keep them stable.
import { z } from 'zod';
import { isOrganizationId, MAX_ORG_ID_LENGTH } from '../commands/org-id';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );

const ORG_ID_HINT = `an organization ID (a UUID, or the base64 ID Webex gives, at most ${MAX_ORG_ID_LENGTH} characters)`;

const orgId = optionalString.refine((v) => v === undefined || isOrganizationId(v), { message: `must be ${ORG_ID_HINT}` });

const orgIdList = csv.superRefine((ids, ctx) => {
  for (const id of ids) {
    if (!isOrganizationId(id)) ctx.addIssue({ code: 'custom', message: `"${id.slice(0, 40)}" is not ${ORG_ID_HINT}` });
  }
});

function intIn(min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });
}

/** true/false (also yes/no, on/off, 1/0); empty or unset is `fallback`. */
function flag(fallback: boolean) {
  return optionalString.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const word = v.toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(word)) return true;
    if (['false', 'no', 'off', '0'].includes(word)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });
}

const httpUrl = (message: string) =>
  optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/i.test(v), { message });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z.object({
  WEBEX_BOT_TOKEN: optionalString,
  WEBEX_ADMIN_TOKEN: optionalString,
  WEBEX_ADMIN_CLIENT_ID: optionalString,
  WEBEX_ADMIN_CLIENT_SECRET: optionalString,
  WEBEX_ADMIN_REFRESH_TOKEN: optionalString,
  TOKEN_STORE_FILE: optionalString,
  WEBHOOK_URL: httpUrl('must be an http(s) URL such as https://bot.example.com/webhooks/webex'),
  WEBHOOK_SECRET: optionalString,
  PORT: intIn(0, 65535, 3000),
  WEBEX_API_URL: httpUrl('must be an http(s) URL such as https://webexapis.com/v1'),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'info' : v))
    .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  WEBEX_OPS_ROOM_ID: optionalString,
  ALLOWED_ORG_IDS: orgIdList,
  ALLOWED_DOMAINS: csv,
  ALLOWED_EMAILS: csv,
  ALLOWED_EDITORS: csv,
  AUDIT_LOG_FILE: optionalString,
  DEFAULT_ORG_ID: orgId,
  ALLOWED_TARGET_ORG_IDS: orgIdList,
  RATE_LIMIT_PER_MINUTE: intIn(1, 10000, 30),
  PEOPLE_CACHE_TTL_SECONDS: intIn(0, 86400, 600),
  ORG_INDEX_AT_START: flag(false),
  ORG_INDEX_REFRESH_MINUTES: intIn(5, 10080, 240),
  ORG_INDEX_CONCURRENCY: intIn(1, 64, 8),
  REVERSE_SCAN_TIMEOUT_SECONDS: intIn(5, 3600, 900),
  PERMISSIONS_CACHE_TTL_SECONDS: intIn(0, 3600, 60),
  LOCATION_CACHE_TTL_SECONDS: intIn(0, 86400, 600),
  WEBEX_REQUEST_TIMEOUT_MS: intIn(100, 120000, 10000),
  COMMAND_TIMEOUT_MS: intIn(1000, 120000, 25000),
  WEBEX_MAX_CONCURRENCY: intIn(1, 256, 16),
  WEBEX_MAX_REQUESTS_PER_SECOND: intIn(1, 10000, 100),
  WEBEX_MAX_RETRY_AFTER_SECONDS: intIn(1, 3600, 60),
  WEBEX_MAX_RETRIES: intIn(0, 10, 3),
  HTTP_MAX_CONNECTIONS: intIn(1, 100000, 500),
  HTTP_HEADERS_TIMEOUT_MS: intIn(1000, 300000, 10000),
  HTTP_REQUEST_TIMEOUT_MS: intIn(1000, 600000, 30000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intIn(1000, 600000, 65000),
  REDIS_URL: optionalString,
});

export type RawEnv = z.infer<typeof envSchema>;
