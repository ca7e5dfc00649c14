import type { OrderInput } from '../common/order.js';

/** Realistic orders for the simulator and the benchmark: several stations, modifiers, notes, allergies, names from many scripts. */

interface MenuItem {
  name: string;
  station: 'kitchen' | 'bar' | 'expo';
  price: number;
  modifiers: readonly string[];
}

const MENU: readonly MenuItem[] = [
  { name: 'Cheeseburger', station: 'kitchen', price: 1290, modifiers: ['no onion', 'extra cheese', 'medium rare', 'gluten-free bun'] },
  { name: 'Margherita pizza', station: 'kitchen', price: 1150, modifiers: ['extra basil', 'vegan cheese', 'well done'] },
  { name: 'Caesar salad', station: 'kitchen', price: 990, modifiers: ['no croutons', 'dressing on the side', 'add chicken'] },
  { name: 'Pad thai', station: 'kitchen', price: 1350, modifiers: ['no peanuts', 'extra spicy', 'tofu instead of shrimp'] },
  { name: 'Pierogi ruskie', station: 'kitchen', price: 1090, modifiers: ['fried onions', 'sour cream'] },
  { name: 'Борщ', station: 'kitchen', price: 790, modifiers: ['без сметаны', 'с пампушками'] },
  { name: '麻婆豆腐', station: 'kitchen', price: 1180, modifiers: ['少辣', '加米饭'] },
  { name: 'Fries', station: 'kitchen', price: 450, modifiers: ['truffle oil', 'no salt'] },
  { name: 'Espresso', station: 'bar', price: 280, modifiers: ['double', 'oat milk'] },
  { name: 'Flat white', station: 'bar', price: 390, modifiers: ['oat milk', 'decaf', 'extra hot'] },
  { name: 'IPA draft', station: 'bar', price: 620, modifiers: ['half pint'] },
  { name: 'Negroni', station: 'bar', price: 1100, modifiers: ['orange peel', 'on the rocks'] },
  { name: 'Lemonade', station: 'bar', price: 450, modifiers: ['no ice', 'mint'] },
  { name: 'Crème brûlée', station: 'expo', price: 750, modifiers: ['two spoons'] },
  { name: 'Birthday candle', station: 'expo', price: 0, modifiers: ['sing!'] },
];

const NAMES = ['Łukasz', 'Мария', '王芳', 'Zoë', 'José', 'Aoife', 'Søren', 'Ngozi', 'Fatma Yılmaz', 'Nguyễn Văn An', 'Priya', 'Ólafur'];
const ORDER_NOTES = ['birthday table', 'in a hurry, bring together', 'VIP: manager’s guest', 'high chair needed'];
const ALLERGY_NOTES = ['ALLERGY: peanuts', 'ALLERGY: shellfish', 'ALLERGY: gluten (coeliac)', 'ALLERGY: lactose', 'vegan'];

/** Deterministic when given a seeded `random`, so a benchmark run is repeatable. */
export function sampleOrder(random: () => number = Math.random): OrderInput {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const type = pick(['dine_in', 'dine_in', 'takeaway', 'delivery'] as const);
  const items = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
    const item = pick(MENU);
    const modifiers = item.modifiers.filter(() => chance(0.3));
    return {
      name: item.name,
      qty: 1 + Math.floor(random() * 3),
      station: item.station,
      modifiers,
      ...(chance(0.15) ? { notes: pick(ALLERGY_NOTES) } : {}),
    };
  });
  const amount = items.reduce((sum, item) => sum + (MENU.find((m) => m.name === item.name)?.price ?? 0) * item.qty, 0);
  return {
    type,
    ...(type === 'dine_in' ? { table: String(1 + Math.floor(random() * 24)) } : {}),
    ...(type !== 'dine_in' || chance(0.3)
      ? { customer: { name: pick(NAMES), ...(type === 'delivery' ? { phone: `+48 600 ${100 + Math.floor(random() * 900)} ${100 + Math.floor(random() * 900)}` } : {}) } }
      : {}),
    items,
    ...(chance(0.2) ? { notes: pick([...ORDER_NOTES, ...ALLERGY_NOTES]) } : {}),
    total: { amount, currency: 'EUR' },
  };
}

export { seededRandom } from '../common/seeded-random.js';
