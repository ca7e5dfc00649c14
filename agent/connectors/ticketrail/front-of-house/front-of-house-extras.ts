import type { CardExtra, CardExtras } from '../../../board/card-extras.js';
import type { FrontOfHouse, FrontOfHouseCache } from './front-of-house-cache.js';

const extraOf = (found: FrontOfHouse): CardExtra => ({
  ...(found.payments.length > 0 ? { payments: found.payments } : {}),
  ...(found.courier ? { courier: found.courier } : {}),
});

/** A card's payments and courier, as the board adds them to TicketRail's orders. */
export function frontOfHouseExtras(frontOfHouse: FrontOfHouseCache): CardExtras {
  return {
    active: () => new Map([...frontOfHouse.active()].map(([orderId, found]) => [orderId, extraOf(found)])),
    of: (orderId) => extraOf(frontOfHouse.of(orderId)),
  };
}
