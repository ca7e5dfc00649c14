import { z } from 'zod';

/** `GET /api/agent/config`: what an agent needs to open its realtime connection. */
export const AgentRealtimeConfigSchema = z.object({
  key: z.string(),
  cluster: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  useTLS: z.boolean(),
  channels: z.object({ orders: z.string(), printJobs: z.string() }),
  authEndpoint: z.string(),
  embedded: z.boolean(),
});
export type AgentRealtimeConfig = z.infer<typeof AgentRealtimeConfigSchema>;
