import { useEffect, useState } from 'react';
import type { AgentLinkState, BoardClient } from '../api/board-client.js';

export function useAgentLink(client: BoardClient): AgentLinkState {
  const [link, setLink] = useState<AgentLinkState>({ status: 'connecting', attempt: 0 });
  useEffect(() => client.subscribeLink(setLink), [client]);
  return link;
}
