package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.ChainFees;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.TronGateway;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What channel transactions would burn if sent now, from the chain's parameters and the node's
 * energy estimates, as the send fee estimate does: energy at {@code getEnergyFee}, bandwidth beyond
 * the sender's free bandwidth at {@code getTransactionFee}. Sends nothing.
 */
public final class ChannelFeeEstimator {

  /**
   * How far a real cost may be from its estimate, percent: a transaction's size is estimated before
   * it is built and signed, and an open whose allowance is not in place yet is estimated in parts.
   */
  public static final int TOLERANCE_PERCENT = 10;

  /**
   * Energy a TRC-20 transferFrom spends beyond a transfer of the same amount: reading and updating
   * the allowance (one storage read, one storage write to a slot already set).
   */
  static final long ALLOWANCE_UPDATE_ENERGY = 5_200;

  /** One transaction's expected cost: its size and energy, and the TRX burned for each. */
  public record Estimate(
      ChannelTransaction.Kind kind,
      long bandwidthBytes,
      long bandwidthFeeSun,
      long energyUnits,
      long energyFeeSun) {
    public long feeSun() {
      return Math.addExact(bandwidthFeeSun, energyFeeSun);
    }
  }

  private final ChannelGateway gateway;
  private final TronGateway tron;

  ChannelFeeEstimator(ChannelGateway gateway, TronGateway tron) {
    this.gateway = gateway;
    this.tron = tron;
  }

  /**
   * An open: on a TRC-20 hub the approve and the open (the open estimated as though the approve
   * were in place, since the node can only try it against the state it has), on a TRC-10 hub the
   * open with its token value.
   */
  List<Estimate> open(
      TronAddress payer, ChannelHub hub, TronAddress payee, BigInteger deposit, Instant expiresAt) {
    Budget budget = new Budget(payer);
    List<Estimate> out = new ArrayList<>();
    CallData open = hub.open(payee, deposit, expiresAt);
    if (hub.asset() instanceof Asset.Trc20 token) {
      CallData approve = BttTokenContract.approve(ChannelHub.evm(hub.address()), deposit);
      out.add(
          budget.estimate(
              ChannelTransaction.Kind.APPROVE,
              approve,
              gateway.estimateEnergy(payer, token.contract(), approve, Optional.empty())));
      out.add(
          budget.estimate(
              ChannelTransaction.Kind.OPEN,
              open,
              trc20OpenEnergy(payer, hub, token, open, deposit)));
    } else {
      out.add(
          budget.estimate(
              ChannelTransaction.Kind.OPEN,
              open,
              gateway.estimateEnergy(
                  payer, hub.address(), open, Optional.of(new Amount(hub.asset(), deposit)))));
    }
    return out;
  }

  /** A settle (or, with {@code kind} CLOSE, a close) of the call data given, sent by the payee. */
  Estimate payeeCall(
      ChannelTransaction.Kind kind, TronAddress payee, ChannelHub hub, CallData data) {
    return new Budget(payee)
        .estimate(kind, data, gateway.estimateEnergy(payee, hub.address(), data, Optional.empty()));
  }

  /**
   * The open's energy on a TRC-20 hub. With the allowance in place the node's estimate is the real
   * thing; without it the open reverts in its final pull of the deposit, so the estimate is what
   * the open spends up to there (the energy its constant call used), plus the token transfer the
   * pull makes, plus its allowance update.
   */
  private long trc20OpenEnergy(
      TronAddress payer, ChannelHub hub, Asset.Trc20 token, CallData open, BigInteger deposit) {
    if (!(gateway.view(payer, hub.address(), open)
        instanceof ChannelGateway.ViewResult.Reverted untilPull)) {
      return gateway.estimateEnergy(payer, hub.address(), open, Optional.empty());
    }
    long transfer =
        gateway.estimateEnergy(
            payer,
            token.contract(),
            BttTokenContract.transfer(ChannelHub.evm(hub.address()), deposit),
            Optional.empty());
    return Math.addExact(Math.addExact(untilPull.energyUsed(), transfer), ALLOWANCE_UPDATE_ENERGY);
  }

  /** The sender's free bandwidth, used up by its transactions in the order they are sent. */
  private final class Budget {
    private final ChainFees fees = tron.fees();
    private long freeBytes;

    Budget(TronAddress sender) {
      AccountState account = tron.account(sender);
      this.freeBytes = account.exists() ? account.freeBandwidthBytes() : 0;
    }

    Estimate estimate(ChannelTransaction.Kind kind, CallData data, long energy) {
      long bytes = data.bytes().length + SenderFunds.TRANSACTION_BYTES_BEYOND_DATA;
      long bandwidthSun;
      if (bytes <= freeBytes) {
        freeBytes -= bytes;
        bandwidthSun = 0;
      } else {
        bandwidthSun = Math.multiplyExact(bytes, fees.bandwidthPriceSun());
      }
      return new Estimate(
          kind, bytes, bandwidthSun, energy, Math.multiplyExact(energy, fees.energyPriceSun()));
    }
  }
}
