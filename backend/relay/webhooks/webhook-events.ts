/** The webhook events the relay reports, shaped as Pusher sends them inside `{time_ms, events}`. */
export type WebhookEvent =
  | { name: 'channel_occupied' | 'channel_vacated'; channel: string }
  | { name: 'member_added' | 'member_removed'; channel: string; user_id: string }
  | {
      name: 'client_event';
      channel: string;
      event: string;
      data: string;
      socket_id: string;
      user_id?: string;
    };

/** Where the relay's state changes report to; emit must be cheap and never throw or block. */
export interface WebhookSink {
  emit(event: WebhookEvent): void;
}
