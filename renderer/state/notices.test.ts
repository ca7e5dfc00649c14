import { describe, expect, it } from 'vitest';
import type { BoardNotice } from '../../common/kitchen-api.js';
import { checkBoardAction } from './board-intake.js';
import { INITIAL_BOARD_STATE, NOTICES_KEPT, boardReducer } from './board-state.js';
import { NOTICE_VISIBLE_MS, visibleNotices } from './notices.js';

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

  it('leave the counter view after NOTICE_VISIBLE_MS', () => {
    const at = Date.parse('2026-05-01T12:00:00.000Z');
    const notices = [notice(2, new Date(at + 1000).toISOString()), notice(1)];
    expect(visibleNotices(notices, at + 1000).map((n) => n.id)).toEqual(['seq-2', 'seq-1']);
    expect(visibleNotices(notices, at + NOTICE_VISIBLE_MS).map((n) => n.id)).toEqual(['seq-2']);
    expect(visibleNotices(notices, at + NOTICE_VISIBLE_MS + 1000)).toEqual([]);
    // A backend clock a little ahead of the screen's: still shown.
    expect(visibleNotices([notice(3, new Date(at + 5000).toISOString())], at)).toHaveLength(1);
    expect(visibleNotices([notice(4, 'garbage')], at)).toEqual([]);
  });

  it('are dropped and reported when malformed, never thrown in the reducer', () => {
    const bad = { id: 'seq-1', kind: 'gift_card.purchased', at: '2026-05-01T12:00:00.000Z' } as unknown as BoardNotice;
    expect(checkBoardAction({ type: 'notice', notice: bad })).toEqual({ action: undefined, dropped: ['counter notice: no text'] });
    expect(checkBoardAction({ type: 'notice', notice: notice(1) }).action).toEqual({ type: 'notice', notice: notice(1) });
  });
});
