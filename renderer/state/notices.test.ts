import { describe, expect, it } from 'vitest';
import type { BoardNotice } from '../../common/kitchen-api.js';
import { checkBoardAction } from './board-intake.js';
import { INITIAL_BOARD_STATE, NOTICES_KEPT, boardReducer } from './board-state.js';
import { visibleNotices } from './notices.js';

const notice = (seq: number, at = '2026-05-01T12:00:00.000Z'): BoardNotice => ({ id: `seq-${seq}`, kind: 'gift_card.purchased', text: `sale ${seq}`, at });

describe('counter notices on the board', () => {
  it('are kept newest first, each once, and only the last NOTICES_KEPT', () => {
    let state = INITIAL_BOARD_STATE;
    for (let seq = 1; seq <= NOTICES_KEPT + 5; seq++) state = boardReducer(state, { type: 'notice', notice: notice(seq) });
    const replayed = boardReducer(state, { type: 'notice', notice: notice(NOTICES_KEPT + 5) });
    expect(replayed).toBe(state);
    expect(state.notices).toHaveLength(NOTICES_KEPT);
    expect(state.notices[0]?.id).toBe(`seq-${NOTICES_KEPT + 5}`);
    expect(state.notices.at(-1)?.id).toBe('seq-6');
  });

  it("stay on the counter view for the day: today's are shown, yesterday's are not", () => {
    const noon = new Date(2026, 4, 1, 12, 0, 0).getTime();
    const morning = notice(1, new Date(2026, 4, 1, 0, 0, 5).toISOString());
    const lastNight = notice(0, new Date(2026, 3, 30, 23, 59, 0).toISOString());
    const notices = [notice(2, new Date(noon - 1000).toISOString()), morning, lastNight];
    expect(visibleNotices(notices, noon).map((n) => n.id)).toEqual(['seq-2', 'seq-1']);
    // Hours later the same day: still there.
    expect(visibleNotices(notices, noon + 11 * 3_600_000).map((n) => n.id)).toEqual(['seq-2', 'seq-1']);
    // The next day: gone.
    expect(visibleNotices(notices, new Date(2026, 4, 2, 0, 0, 1).getTime())).toEqual([]);
    // A backend clock a little ahead of the screen's: still shown.
    expect(visibleNotices([notice(3, new Date(noon + 5000).toISOString())], noon)).toHaveLength(1);
    expect(visibleNotices([notice(4, 'garbage')], noon)).toEqual([]);
  });

  it("a snapshot brings today's notices the board had not heard of, each once", () => {
    let state = boardReducer(INITIAL_BOARD_STATE, { type: 'notice', notice: notice(2, '2026-05-01T12:02:00.000Z') });
    const snapshot = { orders: [], connection: { mode: 'live' as const, lastSeq: 1 }, stations: [], notices: [notice(2, '2026-05-01T12:02:00.000Z'), notice(1, '2026-05-01T12:01:00.000Z')] };
    state = boardReducer(state, { type: 'snapshot', snapshot });
    expect(state.notices.map((n) => n.id)).toEqual(['seq-2', 'seq-1']);
    expect(checkBoardAction({ type: 'snapshot', snapshot: { ...snapshot, notices: [notice(5), { id: 'seq-6' } as unknown as BoardNotice] } }).dropped).toEqual(['counter notice: no kind']);
  });

  it('are dropped and reported when malformed, never thrown in the reducer', () => {
    const bad = { id: 'seq-1', kind: 'gift_card.purchased', at: '2026-05-01T12:00:00.000Z' } as unknown as BoardNotice;
    expect(checkBoardAction({ type: 'notice', notice: bad })).toEqual({ action: undefined, dropped: ['counter notice: no text'] });
    expect(checkBoardAction({ type: 'notice', notice: notice(1) }).action).toEqual({ type: 'notice', notice: notice(1) });
  });
});
