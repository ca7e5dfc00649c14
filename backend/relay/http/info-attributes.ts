/** The `info` parameter of the HTTP API: a comma-separated list of channel attributes to return. */
import { RelayHttpError } from '../errors.js';

export type InfoAttribute = 'user_count' | 'subscription_count';

export function parseInfoAttributes(info: string | null | undefined, allowed: readonly InfoAttribute[]): Set<InfoAttribute> {
  const attributes = new Set<InfoAttribute>();
  if (info === null || info === undefined || info === '') return attributes;
  for (const name of info.split(',')) {
    const attribute = allowed.find((candidate) => candidate === name.trim());
    if (attribute === undefined) throw new RelayHttpError('RELAY_ERR_INVALID_INFO', `${name}; allowed: ${allowed.join(', ')}`);
    attributes.add(attribute);
  }
  return attributes;
}
