import { describe, expect, it } from 'vitest';
import { TestConnectionAnswerSchema } from './tabletrack-contract.js';
import { tableTrackRealtimePlan } from './tabletrack-realtime.js';

const answer = (pusherConfig: Record<string, unknown>) =>
  TestConnectionAnswerSchema.parse({ message: 'Connection established', status: 'success', pusher_enabled: true, pusher_config: pusherConfig });

describe('tableTrackRealtimePlan', () => {
  it('fills what test-connection leaves out with TableTrack’s own names', () => {
    const plan = tableTrackRealtimePlan(answer({ app_id: 12, key: 'k', cluster: null }));
    expect(plan).toMatchObject({ key: 'k', cluster: 'mt1', printJobs: { channel: 'print-jobs', event: 'print-job.created', visibility: 'public' } });
  });

  it('marks a channel that would need authorization, which TableTrack cannot give', () => {
    expect(tableTrackRealtimePlan(answer({ key: 'k', channel: 'private-print-jobs' }))?.printJobs.visibility).toBe('private');
    expect(tableTrackRealtimePlan(answer({ key: 'k', channel: 'presence-print-jobs' }))?.printJobs.visibility).toBe('presence');
  });

  it('takes host, port and TLS from the override', () => {
    expect(tableTrackRealtimePlan(answer({ key: 'k' }), { host: 'reverb.local', port: 8080, useTLS: false })).toMatchObject({
      host: 'reverb.local',
      port: 8080,
      useTLS: false,
    });
  });
});
