// POST /access_token (form-encoded refresh_token grant).
import express, { type Router } from 'express';
import { on, type RouteDeps } from './register';

export function accessTokenRoutes(router: Router, { tokens }: RouteDeps): void {
  router.use('/access_token', express.urlencoded({ extended: false }));
  on(router, 'accessToken', (req, res) => {
    res.json(tokens.refresh((req.body ?? {}) as Record<string, unknown>));
  });
}
