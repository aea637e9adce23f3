// A WebexHttp wired for tests: no keep-alive (each request its own connection, so dropped sockets
// never leak into the next test), instant recorded sleeps, and a fixed jitter.
import http from 'node:http';
import { type WebexHttp, type WebexHttpOptions, createWebexHttp } from '../../../../src/webex/http';

export interface TestHttp {
  http: WebexHttp;
  sleeps: number[];
}

export function createTestHttp(baseUrl: string, overrides: Partial<WebexHttpOptions> = {}): TestHttp {
  const sleeps: number[] = [];
  const webexHttp = createWebexHttp({
    baseUrl,
    token: () => 'test-token',
    timeoutMs: 2000,
    agent: new http.Agent({ keepAlive: false }),
    ...overrides,
    retry: {
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...overrides.retry,
    },
  });
  return { http: webexHttp, sleeps };
}
