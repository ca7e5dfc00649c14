import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * The chain's compose file (docs/scaling.md) cannot be run here (no Docker engine), so it is held
 * to its structure with a YAML parser on every run, and handed to `docker compose config` (the
 * plugin) or `docker-compose config` (Debian's package, which .ci/run installs where neither
 * exists): either checks the whole file against Compose's own schema.
 */

const DIR = fileURLToPath(new URL('./', import.meta.url));
const COMPOSE = `${DIR}docker-compose.yml`;

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
}

function services(): Record<string, Service> {
  const document = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as { services: Record<string, Service> };
  return document.services;
}

/** The compose command this machine has: the docker plugin first, then the standalone binary. */
function findCompose(): string[] | undefined {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const [program, ...args] = command as [string, ...string[]];
    const version = spawnSync(program, [...args, 'version'], { encoding: 'utf8' });
    if (!version.error && version.status === 0) return command;
  }
  return undefined;
}

const COMPOSE_COMMAND = findCompose();

/** What `docker compose` needs set to render the file (the `:?` variables). */
const COMPOSE_ENV = { POSTGRES_PASSWORD: 'pw', RELAY_APP_SECRET: 'relay-secret-0123456789', CUSTOMER_TOKEN_SECRET: 'c'.repeat(32), ADMIN_TOKEN: 'a'.repeat(20) };

describe('deploy/chain/docker-compose.yml', () => {
  it('runs PostgreSQL, two backend processes on it, a standalone relay and a proxy in front', () => {
    const all = services();
    expect(Object.keys(all).sort()).toEqual(['backend-1', 'backend-2', 'postgres', 'proxy', 'relay']);
    expect(all.postgres?.image).toMatch(/^postgres:\d+/);
    for (const name of ['backend-1', 'backend-2']) {
      const backend = all[name] as Service;
      expect(backend.command?.[0]).toBe('backend');
      expect(backend.build?.dockerfile).toBe('deploy/Dockerfile');
      const env = backend.environment ?? {};
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/ticketrail:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/ticketrail$/);
      // Several processes: never the embedded relay, and one customer-token secret for all.
      expect(env.PUSHER_HOST).toBe('relay');
      expect(env.PUSHER_SECRET).toMatch(/RELAY_APP_SECRET/);
      expect(env.CUSTOMER_TOKEN_SECRET).toMatch(/CUSTOMER_TOKEN_SECRET/);
      expect(env.PUSHER_PUBLIC_PORT).toBe(all.proxy?.ports?.[0]?.split(':')[1]);
      expect(backend.depends_on).toHaveProperty('postgres');
    }
    expect(all.relay?.command).toEqual(['relay']);
    expect(all.relay?.environment?.RELAY_APP_SECRET).toMatch(/RELAY_APP_SECRET/);
    expect(all.proxy?.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(existsSync(fileURLToPath(new URL('../Dockerfile', import.meta.url)))).toBe(true);
  });

  it('sends the API to both backends and Pusher-protocol WebSockets to the relay', () => {
    const nginx = readFileSync(`${DIR}nginx.conf`, 'utf8');
    const backends = /upstream backends \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    expect(backends).toMatch(/server backend-1:4800/);
    expect(backends).toMatch(/server backend-2:4800/);
    expect(nginx).toMatch(/location \/app\/ \{[^}]*proxy_pass http:\/\/relay;[^}]*Upgrade/);
    expect(nginx).toMatch(/location \/ \{[^}]*proxy_pass http:\/\/backends;/);
    expect(nginx).toMatch(/listen 8080;/);
  });

  // Skipped (and reported so) only on a machine with neither command; .ci/run installs one.
  it.skipIf(!COMPOSE_COMMAND)('passes `docker compose config`', () => {
    const [program, ...args] = COMPOSE_COMMAND as [string, ...string[]];
    const run = (env: Record<string, string>) =>
      spawnSync(program, [...args, '-f', COMPOSE, 'config', '--quiet'], { encoding: 'utf8', env: { ...process.env, ...env } });
    const config = run(COMPOSE_ENV);
    expect(config.stderr).toBe('');
    expect(config.status).toBe(0);
    // The check can fail: without a required secret the file does not render.
    const { POSTGRES_PASSWORD: _unset, ...withoutPassword } = COMPOSE_ENV;
    const refused = run({ ...withoutPassword, POSTGRES_PASSWORD: '' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/POSTGRES_PASSWORD/);
  });
});
