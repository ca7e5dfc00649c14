import { describe, expect, it } from 'vitest';
import { formatTokenLine, parseTokenLines } from './token-lines.js';

describe('token lines', () => {
  it('print every role the same way, aligned, and read back', () => {
    const lines = [formatTokenLine('admin', 'tr_admin1'), formatTokenLine('agent', 'tr_agent2'), formatTokenLine('pos', 'tr_pos3')];
    expect(lines).toEqual(['  admin token: tr_admin1', '  agent token: tr_agent2', '  pos   token: tr_pos3']);
    expect(parseTokenLines(['TicketRail is running', ...lines, '  try: curl …'].join('\n'))).toEqual({ admin: 'tr_admin1', agent: 'tr_agent2', pos: 'tr_pos3' });
  });
});
