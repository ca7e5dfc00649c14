/**
 * A connector's own board operations are its module's slice (TableTrack's printer list,
 * common/operations/tabletrack-operations.ts): carried out while TableTrack runs or is the saved
 * choice waiting for the next start, and answered 409 CONNECTOR_NOT_IN_USE by an agent that uses
 * another connector — over the agent's real local HTTP API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { startStandIn, startTableTrackKit, STAND_IN_KEY } from '../tabletrack/tabletrack-harness.js';
import { Resources, startTestAgent } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

async function localCall(localApiUrl: string, method: string, input: unknown = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${localApiUrl}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: await response.json() };
}

describe("TableTrack's printer list", () => {
  it('lists the printers of the TableTrack install while TableTrack runs', async () => {
    const { agent } = await startTableTrackKit(resources, { pusher: false });
    const answer = await localCall(agent.localApiUrl, 'tabletrackPrinters');
    expect(answer.status).toBe(200);
    const printers = (answer.body as { ok: boolean; value: { ok: boolean; printers: { id: string }[] } }).value;
    expect(printers.ok).toBe(true);
    expect(printers.printers.length).toBeGreaterThan(0);
  });

  it('answers 409 CONNECTOR_NOT_IN_USE when another connector runs, and lists once TableTrack is the saved choice', async () => {
    const tt = await startStandIn(resources, undefined);
    // TicketRail runs; its backend is never asked.
    const agent = await startTestAgent(resources, { backendUrl: 'http://127.0.0.1:9', printers: [], realtime: false });
    const refused = await localCall(agent.localApiUrl, 'tabletrackPrinters');
    expect(refused).toEqual({
      status: 409,
      body: {
        ok: false,
        error: {
          code: ERROR_CODES.CONNECTOR_NOT_IN_USE,
          message: 'tabletrackPrinters is the tabletrack connector\'s; this agent runs ticketrail',
          details: { operation: 'tabletrackPrinters', connector: 'tabletrack', running: 'ticketrail' },
        },
      },
    });

    // Chosen and saved (it runs from the next start): the printer map can be filled in before the restart.
    const saved = await localCall(agent.localApiUrl, 'saveSettings', { connector: 'tabletrack', backendUrl: tt.url, tabletrack: { key: STAND_IN_KEY } });
    expect(saved.status).toBe(200);
    const listed = await localCall(agent.localApiUrl, 'tabletrackPrinters');
    expect(listed.status).toBe(200);
    expect((listed.body as { value: { ok: boolean } }).value.ok).toBe(true);
  });
});
