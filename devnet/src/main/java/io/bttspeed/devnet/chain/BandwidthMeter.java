package io.bttspeed.devnet.chain;

import io.bttspeed.devnet.state.DynamicProperties;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * Charges a transaction's bandwidth as java-tron's BandwidthProcessor does, for accounts without
 * staked bandwidth (the devnet has no staking): an account-creating transaction burns the
 * create-account fee; any other uses the owner's free daily bandwidth (and the chain's public pool)
 * and otherwise burns {@code getTransactionFee} sun per byte.
 *
 * <p>Usage recovers linearly over a 24-hour window of 3-second slots. java-tron computes that decay
 * in floating point; this meter computes the same quantity in exact integer arithmetic, rounding
 * half up.
 */
public final class BandwidthMeter {
  /**
   * Bytes counted per contract on top of the transaction, for its result (java-tron's
   * MAX_RESULT_SIZE_IN_TX).
   */
  public static final long RESULT_BYTES = 64;

  private static final long WINDOW_SLOTS = 28_800;
  private static final long PRECISION = 1_000_000;
  private static final long SIGNATURE_BYTES = 65;

  private final ChainParameters parameters;

  public BandwidthMeter(ChainParameters parameters) {
    this.parameters = parameters;
  }

  /** The bytes a transaction is billed for: its size without results plus {@link #RESULT_BYTES}. */
  public static long billedBytes(Transaction transaction) {
    return Blocks.sizeWithoutResults(transaction) + RESULT_BYTES;
  }

  /** Charges the owner and returns the bandwidth part of the receipt (net usage, net fee). */
  public Receipt charge(
      Transaction transaction,
      TronAddress owner,
      boolean createsAccount,
      TxScope scope,
      BlockContext block)
      throws Rejection {
    long bytes = billedBytes(transaction);
    Account account =
        scope
            .account(owner)
            .orElseThrow(
                () ->
                    Rejection.contractValidate("account [" + owner.base58() + "] does not exist"));
    long now = block.headSlot();

    if (createsAccount) {
      long unsignedSize =
          Blocks.sizeWithoutResults(transaction)
              - SIGNATURE_BYTES * transaction.getSignatureCount();
      if (unsignedSize > parameters.maxCreateAccountTxSize()) {
        throw new Rejection(
            response_code.TOO_BIG_TRANSACTION_ERROR,
            String.format(
                "Too big new account transaction, TxId %s, the size is %d bytes, maxTxSize %d",
                Blocks.txId(transaction), unsignedSize, parameters.maxCreateAccountTxSize()));
      }
      long fee = parameters.createAccountFee();
      if (account.getBalance() < fee) {
        throw insufficient();
      }
      scope.burn(owner, fee);
      return Receipt.bandwidth(0, fee);
    }

    long freeUsage = decay(account.getFreeNetUsage(), 0, account.getLatestConsumeFreeTime(), now);
    DynamicProperties dynamic = scope.dynamic();
    long publicUsage = decay(dynamic.publicNetUsage(), 0, dynamic.publicNetTime(), now);
    if (bytes <= parameters.freeNetLimit() - freeUsage
        && bytes <= parameters.publicNetLimit() - publicUsage) {
      scope.putAccount(
          account.toBuilder()
              .setFreeNetUsage(decay(freeUsage, bytes, now, now))
              .setLatestConsumeFreeTime(now)
              .setLatestOprationTime(block.headTimeMs())
              .build());
      scope.setDynamic(dynamic.withPublicNet(decay(publicUsage, bytes, now, now), now));
      return Receipt.bandwidth(bytes, 0);
    }

    long fee = Math.multiplyExact(parameters.transactionFee(), bytes);
    if (account.getBalance() < fee) {
      throw insufficient();
    }
    scope.burn(owner, fee);
    return Receipt.bandwidth(0, fee);
  }

  /** The free bandwidth an account has used, as of a slot: what GetAccountResource reports. */
  public long freeNetUsed(Account account, long nowSlot) {
    return decay(account.getFreeNetUsage(), 0, account.getLatestConsumeFreeTime(), nowSlot);
  }

  /**
   * java-tron's ResourceProcessor.increase, in integers: decay the old usage to {@code now}, add
   * the new.
   */
  static long decay(long lastUsage, long usage, long lastSlot, long nowSlot) {
    long averageLast = divideCeil(Math.multiplyExact(lastUsage, PRECISION), WINDOW_SLOTS);
    long average = divideCeil(Math.multiplyExact(usage, PRECISION), WINDOW_SLOTS);
    if (lastSlot != nowSlot) {
      long elapsed = nowSlot - lastSlot;
      if (elapsed > 0 && elapsed < WINDOW_SLOTS) {
        long remaining = WINDOW_SLOTS - elapsed;
        averageLast =
            (Math.multiplyExact(averageLast, remaining) + WINDOW_SLOTS / 2) / WINDOW_SLOTS;
      } else if (elapsed >= WINDOW_SLOTS) {
        averageLast = 0;
      }
    }
    return Math.multiplyExact(averageLast + average, WINDOW_SLOTS) / PRECISION;
  }

  private static long divideCeil(long numerator, long denominator) {
    return (numerator + denominator - 1) / denominator;
  }

  private static Rejection insufficient() {
    return new Rejection(response_code.BANDWITH_ERROR, "Account resource insufficient error.");
  }
}
