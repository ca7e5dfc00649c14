import { IngestPrinterSchema, type IngestPrinterSettings } from '../../common/settings.js';
import { INGEST_ERRORS, IngestError } from './ingest-errors.js';
import { checkListenAddress, parseListenAddress } from './listen-address.js';
import type { ModuleFlags } from '../connectors/source-module.js';

/** How `--ingest` is written; shown with every refusal. */
export const INGEST_FLAG_FORM = 'tcp://HOST:PORT=STATION or tcp://HOST:PORT=STATION>PRINTER';

/**
 * One `--ingest` flag as an ingest printer: `tcp://127.0.0.1:9101=kitchen` listens there for the
 * kitchen station; `…=bar>NAME` also forwards every ticket to the configured printer with that id
 * or name (`--printer`'s is `cli-printer`). The ingest printer is named after its address. A
 * non-loopback address needs `allowLan` (`--ingest-allow-lan`). Throws a readable message.
 */
export function ingestFromFlag(value: string, allowLan = false): IngestPrinterSettings {
  const equals = value.indexOf('=');
  if (equals < 0) throw new Error(`--ingest ${value}: expected ${INGEST_FLAG_FORM}`);
  const listen = value.slice(0, equals).trim();
  const target = value.slice(equals + 1);
  const arrow = target.indexOf('>');
  const station = (arrow < 0 ? target : target.slice(0, arrow)).trim();
  const forwardTo = arrow < 0 ? undefined : target.slice(arrow + 1).trim();
  if (forwardTo === '') throw new Error(`--ingest ${value}: name the printer after ">"`);
  try {
    checkListenAddress(parseListenAddress(listen), allowLan);
  } catch (error) {
    if (error instanceof IngestError) {
      const hint = error.code === INGEST_ERRORS.LISTEN_LAN_NOT_ALLOWED ? ' with --ingest-allow-lan' : '';
      throw new Error(`--ingest ${value}: ${error.message}${hint}`, { cause: error });
    }
    throw error;
  }
  const parsed = IngestPrinterSchema.safeParse({ name: listen, listen, station, allowLan, ...(forwardTo ? { forwardTo } : {}) });
  if (!parsed.success) throw new Error(`--ingest ${value}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** `--ingest` (repeatable) and `--ingest-allow-lan`: ingest printers for one run, as the ingest module's flags. */
export const INGEST_FLAGS: ModuleFlags = {
  options: { ingest: { type: 'string', multiple: true }, 'ingest-allow-lan': { type: 'boolean' } },
  usage: '                       [--ingest tcp://HOST:PORT=STATION[>PRINTER] ...] [--ingest-allow-lan]',
  help: `--ingest listens as a network ESC/POS printer for a POS (repeatable): its tickets become cards of
STATION; >PRINTER forwards them to that configured printer (id or name; --printer's is cli-printer):
quote it in a shell, e.g. --ingest 'tcp://127.0.0.1:9102=bar>cli-printer'.
An address other than loopback needs --ingest-allow-lan. See docs/ingest.md.`,
  settings(values) {
    const flags = values.ingest as string[] | undefined;
    if (!flags || flags.length === 0) return {};
    return { ingest: flags.map((flag) => ingestFromFlag(flag, values['ingest-allow-lan'] === true)) };
  },
};
