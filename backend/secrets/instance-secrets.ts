import { join } from 'node:path';
import { z } from 'zod';
import { CodedError, ERRORS } from '../../common/errors.js';
import { newSecret } from '../ids.js';
import type { SettingsRepository } from '../repositories/settings.js';
import { readPrivateFile, writePrivateFileAtomically } from './private-file.js';

/** In DATA_DIR, next to the database but never inside it: a leaked database gives no usable secret. */
export const SECRETS_FILE = 'secrets.json';

export interface InstanceSecrets {
  /** Signs the embedded relay's HTTP API calls and its channel authorizations. */
  relaySecret: string;
  /** What customer tokens are derived from (ids.ts, deriveCustomerToken). */
  customerTokenSecret: string;
}

type SecretName = keyof InstanceSecrets;

const SECRET_BYTES: Record<SecretName, number> = { relaySecret: 20, customerTokenSecret: 32 };

/** Where installs before secrets.json kept them: the database's settings table. */
export const LEGACY_SECRET_SETTINGS: Record<SecretName, string> = {
  relaySecret: 'relay.secret',
  customerTokenSecret: 'customerToken.secret',
};

const secret = z.string().min(16).max(256);
const SecretsFileSchema = z.object({ relaySecret: secret.optional(), customerTokenSecret: secret.optional() });

function invalidFile(path: string, reason: string): CodedError {
  // Never regenerated silently: new secrets would void every customer token handed out so far.
  return new CodedError(ERRORS.SECRETS_FILE_INVALID, `${path} is not a valid secrets file (${reason}); restore it from a backup`);
}

function readSecretsFile(path: string): Partial<InstanceSecrets> | undefined {
  const text = readPrivateFile(path);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidFile(path, 'not JSON');
  }
  const parsed = SecretsFileSchema.safeParse(json);
  if (!parsed.success) throw invalidFile(path, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}

/**
 * The instance's secrets, from DATA_DIR/secrets.json (mode 0600). A secret the file lacks is taken
 * from the database where an older install kept it, or else made now, and the file is written
 * before anything is deleted. Secrets found in the database are then erased from it for good
 * (`settings.eraseForGood`), so they survive only in the file.
 */
export async function loadInstanceSecrets(dataDir: string, settings: SettingsRepository, warn: (message: string) => void): Promise<InstanceSecrets> {
  const path = join(dataDir, SECRETS_FILE);
  const names = Object.keys(SECRET_BYTES) as SecretName[];
  const legacyKeys = names.map((name) => LEGACY_SECRET_SETTINGS[name]);
  for (;;) {
    const stored = readSecretsFile(path);
    const pick = async (name: SecretName) => stored?.[name] ?? (await settings.get(LEGACY_SECRET_SETTINGS[name])) ?? newSecret(SECRET_BYTES[name]);
    const secrets: InstanceSecrets = { relaySecret: await pick('relaySecret'), customerTokenSecret: await pick('customerTokenSecret') };
    if (names.some((name) => stored?.[name] === undefined)) {
      const written = writePrivateFileAtomically(path, `${JSON.stringify({ ...stored, ...secrets }, null, 2)}\n`, { onlyIfAbsent: stored === undefined });
      // Another process on this data dir created the file first: use its secrets.
      if (!written) continue;
    }
    const legacyValues = await Promise.all(legacyKeys.map((key) => settings.get(key)));
    if (legacyValues.some((value) => value !== undefined) && !(await settings.eraseForGood(legacyKeys))) {
      warn(`secrets moved to ${path}; another connection kept the database's WAL busy, so old copies may remain there until its next checkpoint`);
    }
    return secrets;
  }
}
