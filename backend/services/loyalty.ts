import { CodedError, ERRORS } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import type { LoyaltyAccount, LoyaltyChangeInput, LoyaltyHistory, LoyaltyTransactionType } from '../../common/loyalty.js';
import { normalisePhone } from '../../common/phone.js';
import type { Database } from '../db/query.js';
import { newId } from '../ids.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import { CHAIN_SCOPE, type LoyaltyRepository, type StoredLoyaltyCustomer } from '../repositories/loyalty.js';
import type { GiftCardScope } from '../config.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { applyOnce, type IdempotencyScope, type Replayable } from './idempotent-create.js';

export interface LoyaltyServiceOptions {
  /** DEFAULT_PHONE_COUNTRY_CODE: the country of numbers given without +/00; unset refuses them. */
  defaultPhoneCountryCode?: string;
  /** GIFT_CARDS_SCOPE also scopes loyalty accounts: one per phone number in the chain, or in each location. */
  scope: GiftCardScope;
  clock: Clock;
}

/**
 * Loyalty points per phone number. The balance is the sum of the account's ledger, read inside
 * the transaction that changes it, so two redemptions can never both spend the same points. The
 * phone number stays in the database and the API answers: events name the account by its id.
 */
export class LoyaltyService {
  constructor(
    private readonly db: Database,
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
    location: string,
    phoneInput: string,
    transactionType: LoyaltyTransactionType,
    input: LoyaltyChangeInput,
    actor: Actor,
    idempotency?: IdempotencyScope,
  ): Promise<Replayable<LoyaltyAccount>> {
    const phone = this.e164(phoneInput);
    const scope = this.scopeOf(location);
    return this.recorder.run(location, (tx, record) =>
      applyOnce(tx, this.idempotency, location, `loyalty-${transactionType}`, idempotency, { phone, ...input }, 'customerId', this.options.clock, async () => {
      const time = instantOf(this.options.clock);
      let customer: StoredLoyaltyCustomer | undefined = await this.accounts.byPhoneForChange(tx, scope, phone);
      const balance = customer ? await this.accounts.balance(tx, customer.id) : 0;
      if (transactionType === 'redeem' && input.points > balance) {
        throw new CodedError(ERRORS.LOYALTY_INSUFFICIENT_POINTS, `${phone} has ${balance} points, fewer than ${input.points}`, {
          balance,
          requested: input.points,
        });
      }
      customer ??= await this.accounts.create(tx, { id: newId('cus'), location, scope, phone, at: time.iso });
      const pointsChange = transactionType === 'add' ? input.points : -input.points;
      const newBalance = balance + pointsChange;
      const version = await this.accounts.addTransaction(tx, {
        customerId: customer.id,
        location,
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

  history(location: string, phoneInput: string, limit: number): Promise<LoyaltyHistory> {
    const phone = this.e164(phoneInput);
    return this.db.snapshot(async (tx) => {
      const customer = await this.accounts.byPhone(tx, this.scopeOf(location), phone);
      if (!customer) throw new CodedError(ERRORS.LOYALTY_CUSTOMER_NOT_FOUND, `no loyalty account for ${phone}`, { phone });
      return { customerId: customer.id, phone, balance: await this.accounts.balance(tx, customer.id), history: await this.accounts.history(tx, customer.id, limit) };
    });
  }

  private scopeOf(location: string): string {
    return this.options.scope === 'chain' ? CHAIN_SCOPE : location;
  }

  private e164(phoneInput: string): string {
    const normalised = normalisePhone(phoneInput, this.options.defaultPhoneCountryCode);
    if (!normalised.ok) {
      throw new CodedError(ERRORS.PHONE_INVALID, `not a phone number that can be written in E.164: ${normalised.message}`, {
        problem: normalised.problem,
      });
    }
    return normalised.e164;
  }
}
