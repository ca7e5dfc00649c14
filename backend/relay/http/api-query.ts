/**
 * The query of an HTTP API request as one map of lower-cased keys, the form the signature covers
 * ("METHOD\nPATH\nk=v&…" with the keys lower-cased). Endpoints read their parameters from this same
 * map, so what is read is always what was signed: a key given twice, or twice in different case
 * (`auth_key` and `AUTH_KEY`), could be signed with one value and read with the other, and is
 * refused before the signature is checked.
 */
import { RelayHttpError } from '../errors.js';

export type ApiQuery = ReadonlyMap<string, string>;

export function readApiQuery(search: string): ApiQuery {
  const query = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(search)) {
    const signedKey = key.toLowerCase();
    if (query.has(signedKey)) throw new RelayHttpError('RELAY_ERR_QUERY_KEY_REPEATED', JSON.stringify(signedKey));
    query.set(signedKey, value);
  }
  return query;
}
