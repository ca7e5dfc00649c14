import { memo } from 'react';
import { useNow } from '../../hooks/useNow.js';
import { formatElapsed } from '../../state/aging.js';

/**
 * A card's timer. It reads the shared clock itself, so a tick re-renders this one text and not the
 * card around it.
 */
export const Elapsed = memo(function Elapsed({ createdAt, testId }: { createdAt: string; testId: string }) {
  const now = useNow();
  return (
    <span className="card-elapsed" data-testid={testId}>
      {formatElapsed(createdAt, now)}
    </span>
  );
});
