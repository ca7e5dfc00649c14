import type { TFunction } from 'i18next';
import { formatMoney } from '../../../common/i18n/format.js';
import type { Language } from '../../../common/i18n/languages.js';
import type { BoardNotice, NoticeValues } from '../../../common/kitchen-api.js';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * A counter notice in the board's language, from its kind and values; the agent's English line
 * when the values are missing or malformed (an agent older than them, a kind this board does not
 * know). Amounts are formatted here, so they follow the board's language too.
 */
export function noticeText(t: TFunction<'board'>, language: Language, notice: BoardNotice): string {
  const values: NoticeValues = notice.values ?? {};
  const money = (amount: unknown) => (isNumber(amount) && isText(values.currency) ? formatMoney(language, amount, values.currency) : undefined);
  const card = isText(values.card) ? values.card : undefined;
  switch (notice.kind) {
    case 'gift_card.purchased': {
      const amount = money(values.amount);
      return card && amount ? t('counter.notice.giftCardPurchased', { amount, card }) : notice.text;
    }
    case 'gift_card.redeemed': {
      const amount = money(values.amount);
      const balance = money(values.balance);
      return card && amount && balance ? t('counter.notice.giftCardRedeemed', { amount, balance, card }) : notice.text;
    }
    case 'gift_card.voided':
      return card ? t('counter.notice.giftCardVoided', { card }) : notice.text;
    case 'loyalty.updated': {
      const { points, balance, reason } = values;
      if (!isNumber(points) || !isNumber(balance) || !isText(reason)) return notice.text;
      const key = points >= 0 ? 'counter.notice.loyaltyAdded' : 'counter.notice.loyaltyRedeemed';
      return t(key, { count: Math.abs(points), balance, reason });
    }
    default:
      return notice.text;
  }
}
