package io.bttspeed.devnet.chain.contract;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.actuator.Actuator;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.tron.address.TronAddress;
import org.tron.trident.proto.Response.Account;

/**
 * The checks and energy accounting both contract transactions share, as java-tron's VMActuator does
 * them. The devnet has no staking, so energy is always bought by burning TRX: the limit is what the
 * fee limit and the caller's balance (less the call value) can buy, and the origin's share of a
 * call, which java-tron draws only from the origin's frozen energy, is always zero.
 */
final class VmCharges {
  /** java-tron's MIN_TOKEN_ID: TRC-10 ids start above it. */
  private static final long MIN_TOKEN_ID = 1_000_000L;

  private VmCharges() {}

  static void checkFeeLimit(long feeLimit, ChainParameters parameters) throws Rejection {
    if (feeLimit < 0 || feeLimit > parameters.maxFeeLimit()) {
      throw Rejection.contractValidate("feeLimit must be >= 0 and <= " + parameters.maxFeeLimit());
    }
  }

  static void checkValues(long callValue, long tokenValue, long tokenId) throws Rejection {
    if (callValue < 0) {
      throw Rejection.contractValidate("callValue must be >= 0");
    }
    if (tokenValue < 0) {
      throw Rejection.contractValidate("tokenValue must be >= 0");
    }
    if (tokenId <= MIN_TOKEN_ID && tokenId != 0) {
      throw Rejection.contractValidate("tokenId must be > " + MIN_TOKEN_ID);
    }
    if (tokenValue > 0 && tokenId == 0) {
      throw Rejection.contractValidate(
          "invalid arguments with tokenValue = " + tokenValue + ", tokenId = " + tokenId);
    }
  }

  static void checkFunds(
      StateReader state, TronAddress owner, long callValue, long tokenValue, long tokenId)
      throws Rejection {
    Account account =
        state
            .account(owner)
            .orElseThrow(
                () ->
                    Rejection.contractValidate(
                        "Validate InternalTransfer error, no OwnerAccount."));
    if (account.getBalance() < callValue) {
      throw Rejection.contractValidate(
          "Validate InternalTransfer error, balance is not sufficient.");
    }
    if (tokenValue > 0) {
      if (state.asset(Long.toString(tokenId)).isEmpty()) {
        throw Rejection.contractValidate("No asset !");
      }
      if (account.getAssetV2OrDefault(Long.toString(tokenId), 0L) < tokenValue) {
        throw Rejection.contractValidate("assetBalance is not sufficient.");
      }
    }
  }

  /** The energy the caller can pay for: min(fee limit, balance − call value) / energy fee. */
  static long energyLimit(
      StateReader state, TronAddress owner, long feeLimit, long callValue, long energyFee) {
    long balance = state.account(owner).map(Account::getBalance).orElse(0L);
    long fromBalance = Math.max(balance - callValue, 0) / energyFee;
    return Math.min(fromBalance, feeLimit / energyFee);
  }

  /**
   * Applies a successful execution's changes, burns the energy fee from the caller either way, and
   * describes the result. A failed execution changes nothing but the fee.
   */
  static Actuator.Outcome settle(
      ExecutionResult execution,
      TxScope scope,
      TronAddress owner,
      TronAddress target,
      VmEnvironment environment,
      BlockContext block,
      Hash32 txId) {
    VmReceipt receipt = VmReceipt.of(execution, environment.energyFee(), txId, target);
    if (execution.isSuccess()) {
      VmChanges.apply(execution.changes(), scope, block.executionTimeMs());
    }
    scope.burn(owner, receipt.energyFeeSun());
    return new Actuator.Outcome(receipt.energyFeeSun(), "", java.util.Optional.of(receipt));
  }
}
