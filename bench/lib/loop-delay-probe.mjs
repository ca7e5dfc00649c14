// Loaded into the benchmarked agent process with `node --import` (bench/agent.bench.ts): the
// agent's own event-loop delay, read from inside it, over the IPC channel the bench opened. Plain
// JavaScript: the agent runs from its bundle, without a TypeScript loader.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
const ms = (nanoseconds) => nanoseconds / 1e6;

process.on('message', (message) => {
  if (message === 'loop-delay:reset') {
    histogram.reset();
    process.send?.({ type: 'loop-delay:reset' });
  } else if (message === 'loop-delay:read') {
    process.send?.({ type: 'loop-delay', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count });
  }
});
// The channel alone must not keep the agent alive.
process.channel?.unref();
