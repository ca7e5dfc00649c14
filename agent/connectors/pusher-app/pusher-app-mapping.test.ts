import { describe, expect, it } from 'vitest';
import { mapOrder, stationOf, statusMeaning } from './pusher-app-mapping.js';
import { PusherAppSettingsSchema } from './pusher-app-settings.js';

const map = { id: 'order.id', number: 'order.number', items: 'order.items', itemName: 'product.name', itemQty: 'qty', itemModifiers: 'extras', itemStation: 'product.station', customerName: 'order.customer.name', status: 'order.status' };

describe('an event read through the settings map', () => {
  it('reads dotted paths, item paths inside each element, and texts or numbers as they come', () => {
    const result = mapOrder(
      {
        order: {
          id: 981,
          number: 'A-12',
          status: 'pending',
          customer: { name: 'Grace' },
          items: [
            { product: { name: 'Falafel wrap', station: 'Grill Station' }, qty: '2', extras: [{ name: 'hummus' }, 'chili', { id: 3 }] },
            { product: { name: 'Lemonade' }, qty: 1 },
          ],
        },
      },
      map,
    );
    expect(result).toEqual({
      ok: true,
      order: {
        sourceId: '981',
        number: 'A-12',
        customerName: 'Grace',
        status: 'pending',
        unreadItems: 0,
        items: [
          { name: 'Falafel wrap', qty: 2, station: 'grill-station', modifiers: ['hummus', 'chili'] },
          { name: 'Lemonade', qty: 1, station: 'kitchen', modifiers: [] },
        ],
      },
    });
  });

  it('counts items it cannot read instead of making them up, and refuses an event without an id', () => {
    const result = mapOrder({ order: { id: 'x-1', items: [{ product: { name: 'Soup' }, qty: 0 }, { qty: 2 }, 'junk', { product: { name: 'Tea' }, qty: 1.5 }] } }, map);
    expect(result).toMatchObject({ ok: true, order: { sourceId: 'x-1', number: 'x-1', items: [], unreadItems: 4 } });
    expect(mapOrder({ order: { items: [] } }, map)).toEqual({ ok: false, problem: 'no order id at order.id' });
    expect(mapOrder('not an object', map)).toMatchObject({ ok: false });
  });

  it('makes a station of any text, and kitchen of none', () => {
    expect(stationOf('Bar')).toBe('bar');
    expect(stationOf('  Pizza / Oven ')).toBe('pizza-oven');
    expect(stationOf(undefined)).toBe('kitchen');
    expect(stationOf('!!!')).toBe('kitchen');
  });

  it('knows which statuses cancel and which bump', () => {
    expect(['cancelled', 'Canceled', 'declined'].map(statusMeaning)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(statusMeaning('ready')).toBe('ready');
    expect(statusMeaning('completed')).toBe('completed');
    expect(statusMeaning('preparing')).toBeUndefined();
  });
});

describe('the pusherApp settings', () => {
  const valid = { key: 'app-key', channel: 'orders', event: 'OrderReceived', map: { id: 'id', number: 'n', items: 'items', itemName: 'name', itemQty: 'qty' } };

  it('take the shape the issue pins, and refuse unknown fields', () => {
    expect(PusherAppSettingsSchema.safeParse(valid).success).toBe(true);
    expect(PusherAppSettingsSchema.safeParse({ ...valid, secret: 'x' }).success).toBe(false);
  });

  it('need an auth endpoint for a private or presence channel, and map.status with a status event', () => {
    const issues = (value: unknown) => PusherAppSettingsSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ ...valid, channel: 'private-vendor-orders.5' })).toEqual(['authEndpoint']);
    expect(issues({ ...valid, channel: 'presence-kitchen' })).toEqual(['authEndpoint']);
    expect(issues({ ...valid, statusEvent: 'OrderStatusUpdated' })).toEqual(['map.status']);
    expect(issues({ ...valid, map: { ...valid.map, id: 'order..id' } })).toEqual(['map.id']);
  });
});
