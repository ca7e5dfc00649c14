/**
 * The backend serves exactly the routes of the contract's table (common/api/routes.ts): a route
 * registered without an entry there, or declared there and never registered, fails here. Routes
 * are read from Fastify itself (its onRoute hook), as the real app registers them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allApiRoutes } from '../../common/api/routes.js';
import { createHttpApp, registerApiRoutes, type ApiDependencies } from './app.js';

let dir: string;
let app: FastifyInstance;
const registered: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'route-table-'));
  // The diner page's assets are served only when built: make the folder so that route exists too.
  mkdirSync(join(dir, 'assets'));
  app = createHttpApp('silent');
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // Fastify adds a HEAD route beside every GET by itself (exposeHeadRoutes).
      if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    }
  });
  // Registration only: no request is made, so the services are never called.
  const unused = {} as never;
  const deps: ApiDependencies = {
    gate: { authenticate: async () => undefined, locationExists: async () => true },
    orders: unused,
    printJobs: unused,
    events: unused,
    channelAccess: unused,
    signChannel: unused,
    agentConfigFor: unused,
    health: unused,
    payments: unused,
    couriers: unused,
    diner: unused,
    dinerDir: dir,
    giftCards: unused,
    loyalty: unused,
    reports: unused,
    customerTokens: unused,
  };
  await registerApiRoutes(app, deps);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the route table', () => {
  const declared = allApiRoutes().map((route) => `${route.method} ${route.path}`);

  it('declares every route the backend registers', () => {
    expect(registered.filter((route) => !declared.includes(route))).toEqual([]);
  });

  it('has no entry the backend does not register', () => {
    expect(declared.filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('declares each route once', () => {
    expect(declared.length).toBe(new Set(declared).size);
    expect(registered.length).toBeGreaterThan(30);
  });
});
