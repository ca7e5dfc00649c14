import { CodedError, ERROR_CODES } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import type { LoyaltyAccount, LoyaltyChangeInput, LoyaltyHistory, LoyaltyTransactionType } from '../../common/loyalty.js';
import { normalisePhone } from '../../common/phone.js';
import { newId } from '../ids.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import type { LoyaltyRepository, StoredLoyaltyCustomer } from '../repositories/loyalty.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { applyOnce, type IdempotencyScope, type Replayable } from './idempotent-create.js';

export interface LoyaltyServiceOptions {
  /** DEFAULT_PHONE_COUNTRY_CODE: the country of numbers given without +/00; unset refuses them. */
  defaultPhoneCountryCode?: string;
  clock: Clock;
}

/**
 * Loyalty points per phone number. The balance is the sum of the account's ledger, read inside
 * the transaction that changes it, so two redemptions can never both spend the same points. The
 * phone number stays in the database and the API answers: events name the account by its id.
 */
export class LoyaltyService {
  constructor(
    private readonly recorder: ChangeRecorder,
    private readonly accounts: LoyaltyRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly options: LoyaltyServiceOptions,
  ) {}

  /**
   * `add` makes the account on first use; `redeem` takes points only from a balance that covers
   * them. With an Idempotency-Key a retry gets the first answer and changes nothing more.
   */
  change(
    phoneInput: string,
    transactionType: LoyaltyTransactionType,
    input: LoyaltyChangeInput,
    actor: Actor,
    idempotency?: IdempotencyScope,
  ): Replayable<LoyaltyAccount> {
    const phone = this.e164(phoneInput);
    return this.recorder.run((record) =>
      applyOnce(this.idempotency, `loyalty-${transactionType}`, idempotency, { phone, ...input }, 'customerId', this.options.clock, () => {
        const time = instantOf(this.options.clock);
        let customer: StoredLoyaltyCustomer | undefined = this.accounts.byPhone(phone);
        const balance = customer ? this.accounts.balance(customer.id) : 0;
        if (transactionType === 'redeem' && input.points > balance) {
          throw new CodedError(ERROR_CODES.LOYALTY_INSUFFICIENT_POINTS, `${phone} has ${balance} points, fewer than ${input.points}`, 409, {
            balance,
            requested: input.points,
          });
        }
        customer ??= this.accounts.create(newId('cus'), phone, time.iso);
        const pointsChange = transactionType === 'add' ? input.points : -input.points;
        const newBalance = balance + pointsChange;
        const version = this.accounts.addTransaction({
          customerId: customer.id,
          kind: transactionType,
          points: pointsChange,
          balanceAfter: newBalance,
          reason: input.reason,
          actor,
          at: time.iso,
        });
        record({
          type: EVENT_TYPES.loyaltyUpdated,
          customerId: customer.id,
          pointsChange,
          newBalance,
          transactionType,
          reason: input.reason,
          to: 'active',
          actor,
          at: time.iso,
          version,
        });
        return { answer: { customerId: customer.id, phone, balance: newBalance }, resourceId: customer.id };
      }),
    );
  }

  history(phoneInput: string, limit: number): LoyaltyHistory {
    const phone = this.e164(phoneInput);
    const customer = this.accounts.byPhone(phone);
    if (!customer) throw new CodedError(ERROR_CODES.LOYALTY_CUSTOMER_NOT_FOUND, `no loyalty account for ${phone}`, 404, { phone });
    return { customerId: customer.id, phone, balance: this.accounts.balance(customer.id), history: this.accounts.history(customer.id, limit) };
  }

  private e164(phoneInput: string): string {
    const normalised = normalisePhone(phoneInput, this.options.defaultPhoneCountryCode);
    if (!normalised.ok) {
      throw new CodedError(ERROR_CODES.PHONE_INVALID, `not a phone number that can be written in E.164: ${normalised.message}`, 400, {
        problem: normalised.problem,
      });
    }
    return normalised.e164;
  }
}
