import { z } from 'zod';
import type { DeclaredSectionForm } from '../../../common/connector-catalog.js';
import type { SecretSetting } from '../../../common/secret-settings.js';

/** The settings key of the section (`pusherApp` in DIR/settings.json). */
export const PUSHER_APP_SECTION = 'pusherApp';

/** A dotted path into an event's data: `order.items`, `order.customer.name`, `items.0.name`. */
const DottedPathSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dotted path into the event, such as order.items')
  .max(200);

/** A Pusher channel name (Pusher's own rule: letters, digits and `-_=@,.;`, at most 164). */
const ChannelSchema = z
  .string()
  .trim()
  .regex(/^[-a-zA-Z0-9_=@,.;]{1,164}$/, 'a Pusher channel name such as private-vendor-orders.5');

/** An HTTP header name (RFC 9110 token characters). */
const HeaderNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'a header name such as Authorization');

/**
 * Where each part of an order is in the event's data, as dotted paths. `items` names the list;
 * the item paths are relative to each element of it. No `itemStation`: every item goes to
 * `kitchen`.
 */
export const PusherAppMapSchema = z.strictObject({
  id: DottedPathSchema,
  number: DottedPathSchema,
  items: DottedPathSchema,
  itemName: DottedPathSchema,
  itemQty: DottedPathSchema,
  itemNotes: DottedPathSchema.optional(),
  itemModifiers: DottedPathSchema.optional(),
  itemStation: DottedPathSchema.optional(),
  table: DottedPathSchema.optional(),
  customerName: DottedPathSchema.optional(),
  notes: DottedPathSchema.optional(),
  status: DottedPathSchema.optional(),
});
export type PusherAppMap = z.output<typeof PusherAppMapSchema>;

/**
 * Any app that broadcasts its orders on Pusher Channels (hosted Pusher by `cluster`, or a
 * Pusher-protocol server by `host`/`port`/`useTLS`). Private and presence channels are authorized
 * through `authEndpoint` (Laravel's `/broadcasting/auth`) with `authHeaders`, whose values are
 * secrets bound to that endpoint. `event` brings new orders; `statusEvent` (with `map.status`)
 * their later status.
 */
export const PusherAppSettingsSchema = z
  .strictObject({
    key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,128}$/, 'the Pusher app key: letters, digits, "_" or "-"'),
    cluster: z.string().trim().regex(/^[a-z0-9-]{1,32}$/, 'a cluster such as eu or mt1').optional(),
    host: z.string().trim().regex(/^[A-Za-z0-9.-]{1,253}$/, 'a host name without scheme or port').optional(),
    port: z.number().int().min(1).max(65535).optional(),
    useTLS: z.boolean().optional(),
    channel: ChannelSchema,
    event: z.string().trim().min(1).max(200),
    authEndpoint: z.url({ protocol: /^https?$/, error: 'authEndpoint must be an http(s) URL' }).optional(),
    authHeaders: z.record(HeaderNameSchema, z.string().max(4096)).optional(),
    statusEvent: z.string().trim().min(1).max(200).optional(),
    map: PusherAppMapSchema,
  })
  .refine((settings) => settings.authEndpoint !== undefined || !/^(private|presence)-/.test(settings.channel), {
    message: 'a private or presence channel needs the auth endpoint that signs its subscriptions',
    path: ['authEndpoint'],
  })
  .refine((settings) => settings.statusEvent === undefined || settings.map.status !== undefined, {
    message: 'map.status says where the status event carries the status',
    path: ['map', 'status'],
  });
export type PusherAppSettings = z.output<typeof PusherAppSettingsSchema>;

/** The header values are secrets, bound to the endpoint they are sent to. */
export const PUSHER_APP_SECRETS: readonly SecretSetting[] = [{ path: [PUSHER_APP_SECTION, 'authHeaders', '*'], boundTo: [PUSHER_APP_SECTION, 'authEndpoint'] }];

const mapField = (path: keyof PusherAppMap, label: string, help: string, required = false) =>
  ({ kind: 'text', path: `map.${path}`, label, help, ...(required ? { required } : {}) }) as const;

/** The settings screen's section, built from these fields (renderer/components/settings/DeclaredSection.tsx). */
export const PUSHER_APP_FORM: DeclaredSectionForm = {
  key: PUSHER_APP_SECTION,
  title: 'Pusher app',
  help: 'An app that broadcasts its own order events on Pusher (a Laravel app, say): the agent listens, shows each order as a card and prints one ticket per station, once per order id.',
  groups: [
    {
      title: 'Connection',
      fields: [
        { kind: 'text', path: 'key', label: 'Pusher app key', help: "The app's public key (PUSHER_APP_KEY)", required: true },
        { kind: 'text', path: 'cluster', label: 'Cluster', help: "Hosted Pusher's cluster, e.g. eu or mt1", placeholder: 'mt1' },
        { kind: 'text', path: 'host', label: 'Host', help: 'Only for a Pusher-protocol server of its own (soketi, Reverb): its host name' },
        { kind: 'number', path: 'port', label: 'Port', help: '1–65535, with a host' },
        { kind: 'boolean', path: 'useTLS', label: 'TLS (wss://)', help: 'Hosted Pusher always uses TLS', default: true },
        { kind: 'text', path: 'channel', label: 'Channel', help: 'e.g. private-vendor-orders.5 for Laravel\'s PrivateChannel("vendor-orders.5")', required: true },
        { kind: 'text', path: 'event', label: 'Order event', help: "The event of a new order, as broadcast (Laravel: the event's broadcastAs, or its class name)", required: true },
        { kind: 'text', path: 'statusEvent', label: 'Status event', help: 'Optional: the event of an order status change (cancelled or declined prints a cancellation slip; ready or completed bump the card)' },
        { kind: 'text', path: 'authEndpoint', label: 'Auth endpoint', help: "For private and presence channels, e.g. https://app.example.com/broadcasting/auth" },
        {
          kind: 'secretRecord',
          path: 'authHeaders',
          label: 'Auth headers',
          help: 'Sent to the auth endpoint only (e.g. Authorization: Bearer <Sanctum token>). Values are write-only: leave one empty to keep the stored value.',
          nameLabel: 'Header',
          valueLabel: 'Value',
          suggestedName: 'Authorization',
        },
      ],
    },
    {
      title: 'Where the order is in the event',
      help: 'Dotted paths into the event\'s data, e.g. order.id. Item paths are read in each element of the items list.',
      fields: [
        mapField('id', 'Order id', 'Printed once per id: the same id again is never printed again', true),
        mapField('number', 'Order number', 'What the card and ticket show', true),
        mapField('items', 'Items list', 'e.g. order.items', true),
        mapField('itemName', 'Item name', 'In each item, e.g. name', true),
        mapField('itemQty', 'Item quantity', 'In each item, e.g. quantity', true),
        mapField('itemNotes', 'Item notes', 'In each item, e.g. notes'),
        mapField('itemModifiers', 'Item modifiers', 'In each item: a list of texts (or of objects with a name)'),
        mapField('itemStation', 'Item station', 'In each item; without it every item goes to kitchen'),
        mapField('table', 'Table', 'e.g. order.table'),
        mapField('customerName', 'Customer name', 'e.g. order.customer.name'),
        mapField('notes', 'Order notes', 'e.g. order.notes'),
        mapField('status', 'Status', 'e.g. order.status (needed with a status event)'),
      ],
    },
  ],
};
