// Registers a handler under its name from the route table.
import type { Request, Response, Router } from 'express';
import type { Operations } from '../operations';
import { ROUTES, type RouteName } from '../route-table';
import type { EmulatorStore } from '../store';
import type { TokenRegistry } from '../tokens';

export interface RouteDeps {
  store: EmulatorStore;
  ops: Operations;
  tokens: TokenRegistry;
}

export type RouteHandler = (req: Request, res: Response) => void | Promise<void>;

export function on(router: Router, name: RouteName, handler: RouteHandler): void {
  const { method, path } = ROUTES[name];
  switch (method) {
    case 'GET':
      router.get(path, handler);
      break;
    case 'POST':
      router.post(path, handler);
      break;
    case 'PUT':
      router.put(path, handler);
      break;
    case 'DELETE':
      router.delete(path, handler);
      break;
  }
}

/** A route parameter as a string (Express 5 types allow arrays for wildcards). */
export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}
