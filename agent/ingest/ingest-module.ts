import type { SourceModule } from '../connectors/source-module.js';
import { INGEST_ID_PREFIX } from './ingest-card-order.js';
import { INGEST_FLAGS } from './ingest-flag.js';
import { ingestJobSource } from './ingest-job-source.js';
import { IngestService } from './ingest-service.js';

/**
 * POS ingest (docs/ingest.md) as a source of the registry: the agent listens as a network ESC/POS
 * printer beside whichever connector runs; every ticket a POS sends is a card, and with a forward
 * printer a job printed exactly once. Its jobs (`ingest:…`) are journaled by this agent, so they
 * are its own to reprint.
 */
export const ingestModule: SourceModule = {
  name: 'ingest',
  role: 'beside',
  idPrefix: INGEST_ID_PREFIX,
  flags: INGEST_FLAGS,
  attach({ cache, board, driver, logger, clock, settings, decoder }) {
    const source = ingestJobSource(cache, clock);
    let service: IngestService | undefined;
    const running = (): IngestService => {
      if (!service) throw new Error('the ingest printers are not started yet');
      return service;
    };
    return {
      jobSources: { of: () => source, pending: async () => [] },
      async reprint(jobId) {
        return running().reprint(jobId);
      },
      beside: ({ pipeline }) => (service = new IngestService({ cache, board, pipeline, driver, decoder, logger, clock, settings: () => settings.get() })),
    };
  },
};
