package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.CallRejectedException;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.ChannelGateway.CallOutcome;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The channel operations on chain, for any hub: each call is first checked (tried as a constant
 * call, so a call the contract would revert fails with the contract's reason and burns nothing, and
 * its fee estimate held against the sender's TRX, so a sender without it is told what to send),
 * then signed, sent, and awaited.
 */
final class ChannelChain {

  /** A channel the payer's open created, and the open transaction. */
  record Opened(ChannelId channelId, TxId txid) {}

  /** Told of each transaction of a call: signed, then in a block or refused, before it goes on. */
  interface Journal {
    /**
     * Stores the signed transaction before it is first sent; false if it must not be sent (an open
     * whose channel was given up meanwhile).
     */
    boolean signed(ChannelTransaction.Kind kind, SignedTransaction tx);

    /** The transaction is in a block, succeeded or not. */
    void landed(ChannelTransaction.Sent tx);

    /** The node refused the transaction for good: it will never be in a block. */
    void refused(TxId txid);
  }

  /**
   * A channel transaction that passed the checks made before anything is signed: the contract
   * accepts it as of the head block, and the sender holds the TRX its fee burns.
   */
  record Checked(
      ChannelId id,
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      String action,
      ChannelTransaction.Kind kind) {}

  /** Stands for the id of a channel being opened until the open returns it. */
  private static final ChannelId PENDING = ChannelId.of(new byte[32]);

  private final ChannelGateway gateway;
  private final TronGateway tron;
  private final ChannelConfig config;
  private final SenderFunds funds;
  private final ChannelFeeEstimator estimates;
  private final ChannelMetrics metrics;
  private final ChannelBroadcasts broadcasts;

  ChannelChain(ChannelGateway gateway, TronGateway tron, ChannelConfig config) {
    this(gateway, tron, config, ChannelMetrics.none());
  }

  ChannelChain(
      ChannelGateway gateway, TronGateway tron, ChannelConfig config, ChannelMetrics metrics) {
    this.gateway = gateway;
    this.tron = tron;
    this.config = config;
    this.funds = new SenderFunds(gateway, tron);
    this.estimates = new ChannelFeeEstimator(gateway, tron);
    this.metrics = metrics;
    this.broadcasts = new ChannelBroadcasts(gateway, config);
  }

  /** Sends stored transactions again, and looks up their blocks. */
  ChannelBroadcasts broadcasts() {
    return broadcasts;
  }

  /** The transaction's receipt once it is in a block. */
  Optional<CallOutcome> outcome(TxId txid) {
    return gateway.callOutcome(txid);
  }

  /** What channel transactions would burn if sent now. */
  ChannelFeeEstimator estimates() {
    return estimates;
  }

  /** {@code channels(id)}; an unknown id reads as a state whose {@code exists()} is false. */
  ChannelState read(ChannelHub hub, ChannelId id, TronAddress reader) {
    return hub.decodeChannel(
        returned(gateway.view(reader, hub.address(), hub.channels(id)), "channels"));
  }

  /** How many channels the payer has opened on the hub: the nonce of its next open. */
  BigInteger nonce(ChannelHub hub, TronAddress payer) {
    return new BigInteger(
        1, returned(gateway.view(payer, hub.address(), hub.nonces(payer)), "nonces"));
  }

  /** The contract's own digest of a voucher, to check ours against. */
  byte[] voucherDigest(ChannelHub hub, ChannelId id, BigInteger cumulative, TronAddress reader) {
    return Arrays.copyOf(
        returned(
            gateway.view(reader, hub.address(), hub.voucherDigest(id, cumulative)),
            "voucherDigest"),
        32);
  }

  /**
   * Refuses, before anything is signed or stored, an open the chain would refuse for the payer's
   * funds: a deposit above its token balance, or too little TRX for the fee of the first
   * transaction (the approve on a TRC-20 hub, whose open is checked again once the allowance is in
   * place).
   */
  void checkOpen(
      TronKey payer, ChannelHub hub, TronAddress payee, Amount deposit, Instant expiresAt) {
    funds.requireTokens(hub, payer.address(), deposit);
    if (hub.asset() instanceof Asset.Trc20 token) {
      approval(PENDING, payer, hub, token, deposit);
    } else {
      openCall(payer, hub, payee, deposit, expiresAt);
    }
  }

  /** As {@link #checkOpen}, for a top-up of {@code amount}. */
  void checkTopUp(TronKey payer, ChannelHub hub, ChannelId id, Amount amount) {
    funds.requireTokens(hub, payer.address(), amount);
    if (hub.asset() instanceof Asset.Trc20 token) {
      approval(id, payer, hub, token, amount);
    } else {
      topUpCall(payer, hub, id, amount);
    }
  }

  /**
   * TRC-20: approve the hub for the deposit, then open; TRC-10: open with the deposit as token
   * value.
   */
  Opened open(
      TronKey payer,
      ChannelHub hub,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt,
      Journal journal) {
    if (hub.asset() instanceof Asset.Trc20 token) {
      submit(approval(PENDING, payer, hub, token, deposit), journal);
    }
    CallOutcome out = submit(openCall(payer, hub, payee, deposit, expiresAt), journal);
    return new Opened(hub.decodeChannelId(out.returnData()), out.txid().orElseThrow());
  }

  TxId topUp(TronKey payer, ChannelHub hub, ChannelId id, Amount amount, Journal journal) {
    if (hub.asset() instanceof Asset.Trc20 token) {
      submit(approval(id, payer, hub, token, amount), journal);
    }
    return submit(topUpCall(payer, hub, id, amount), journal).txid().orElseThrow();
  }

  /** The TRC-20 approve that lets the hub pull {@code amount} from the payer. */
  private Checked approval(
      ChannelId id, TronKey payer, ChannelHub hub, Asset.Trc20 token, Amount amount) {
    return check(
        "approving the channel contract for " + amount.units() + " base units",
        id,
        payer,
        token.contract(),
        BttTokenContract.approve(ChannelHub.evm(hub.address()), amount.units()),
        Optional.empty(),
        ChannelTransaction.Kind.APPROVE);
  }

  private Checked openCall(
      TronKey payer, ChannelHub hub, TronAddress payee, Amount deposit, Instant expiresAt) {
    return check(
        "opening the channel",
        PENDING,
        payer,
        hub.address(),
        hub.open(payee, deposit.units(), expiresAt),
        tokenValue(hub, deposit),
        ChannelTransaction.Kind.OPEN);
  }

  private Checked topUpCall(TronKey payer, ChannelHub hub, ChannelId id, Amount amount) {
    return check(
        "topping up",
        id,
        payer,
        hub.address(),
        hub.topUp(id, amount.units()),
        tokenValue(hub, amount),
        ChannelTransaction.Kind.TOP_UP);
  }

  TxId extend(TronKey payer, ChannelHub hub, ChannelId id, Instant expiresAt, Journal journal) {
    return submit(
            check(
                "extending",
                id,
                payer,
                hub.address(),
                hub.extend(id, expiresAt),
                Optional.empty(),
                ChannelTransaction.Kind.EXTEND),
            journal)
        .txid()
        .orElseThrow();
  }

  TxId settle(
      TronKey payee,
      ChannelHub hub,
      ChannelId id,
      Amount cumulative,
      VoucherSignature sig,
      Journal journal) {
    // Counted failed or not: a settle reverted in a block burns its fee too.
    return submit(
            checkSettle(payee, hub, id, cumulative, sig),
            journal,
            out -> metrics.settlement(hub.asset(), out.succeeded(), out.feeSun()))
        .txid()
        .orElseThrow();
  }

  /** The settle, checked and ready to submit. */
  Checked checkSettle(
      TronKey payee, ChannelHub hub, ChannelId id, Amount cumulative, VoucherSignature sig) {
    return check(
        "settling",
        id,
        payee,
        hub.address(),
        hub.settle(id, cumulative.units(), sig.bytes()),
        Optional.empty(),
        ChannelTransaction.Kind.SETTLE);
  }

  /**
   * The close, checked and ready to submit. With nothing beyond what was paid out, the contract
   * needs no signature: the payee gives up nothing.
   */
  Checked checkClose(
      TronKey payee,
      ChannelHub hub,
      ChannelId id,
      Amount cumulative,
      Optional<VoucherSignature> sig) {
    byte[] signature = sig.map(VoucherSignature::bytes).orElse(new byte[0]);
    return check(
        "closing",
        id,
        payee,
        hub.address(),
        hub.close(id, cumulative.units(), signature),
        Optional.empty(),
        ChannelTransaction.Kind.CLOSE);
  }

  /** The reclaim, checked and ready to submit. */
  Checked checkReclaim(TronKey payer, ChannelHub hub, ChannelId id) {
    return check(
        "reclaiming",
        id,
        payer,
        hub.address(),
        hub.reclaim(id),
        Optional.empty(),
        ChannelTransaction.Kind.RECLAIM);
  }

  /** Signs, sends and awaits a checked call; its txid. */
  TxId send(Checked call, Journal journal) {
    return submit(call, journal).txid().orElseThrow();
  }

  /**
   * Sends a checked close. A close that redeems vouchers beyond what was paid out is a settlement
   * as well (the payee is paid by it), so it is counted with the settles.
   */
  TxId close(Checked call, Asset asset, boolean paysOut, Journal journal) {
    return submit(
            call,
            journal,
            out -> {
              if (paysOut) {
                metrics.settlement(asset, out.succeeded(), out.feeSun());
              }
            })
        .txid()
        .orElseThrow();
  }

  /** What a settle would burn, in sun: the node's energy estimate at the chain's energy price. */
  long settleFeeSun(
      TronAddress payee, ChannelHub hub, ChannelId id, Amount cumulative, VoucherSignature sig) {
    long energy;
    try {
      energy =
          gateway.estimateEnergy(
              payee,
              hub.address(),
              hub.settle(id, cumulative.units(), sig.bytes()),
              Optional.empty());
    } catch (CallRejectedException e) {
      throw new ChannelException(id, ChannelException.Reason.CHAIN_REJECTED, e.reason());
    }
    return Math.multiplyExact(energy, tron.fees().energyPriceSun());
  }

  /**
   * Tries the call as a constant call (a call the contract would revert fails with the contract's
   * reason and burns nothing; with a TRC-10 token value the node cannot try it) and makes sure the
   * sender can pay its fee, before anything is signed.
   */
  private Checked check(
      String action,
      ChannelId id,
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      ChannelTransaction.Kind kind) {
    if (tokenValue.isEmpty()
        && gateway.view(key.address(), contract, data)
            instanceof ChannelGateway.ViewResult.Reverted r) {
      throw new ChannelException(id, ChannelException.Reason.CHAIN_REJECTED, r.reason());
    }
    String what = (id.equals(PENDING) ? "" : "channel " + id.hex() + ": ") + action;
    try {
      funds.requireFeeFunds(what, key.address(), contract, data, tokenValue);
    } catch (CallRejectedException e) {
      // A call with a token value is first tried by the estimate: its revert is the chain's refusal
      // too.
      throw new ChannelException(id, ChannelException.Reason.CHAIN_REJECTED, e.reason());
    }
    return new Checked(id, key, contract, data, tokenValue, action, kind);
  }

  private CallOutcome submit(Checked call, Journal journal) {
    return submit(call, journal, out -> {});
  }

  /** Sends the call and waits for it; {@code observed} sees the outcome before a failure throws. */
  private CallOutcome submit(
      Checked call, Journal journal, java.util.function.Consumer<CallOutcome> observed) {
    CallOutcome out = broadcasts.submit(call, journal);
    observed.accept(out);
    if (!out.succeeded()) {
      throw new ChannelException(
          call.id(),
          ChannelException.Reason.CHAIN_REJECTED,
          out.failureReason() + out.txid().map(t -> " (transaction " + t + ")").orElse(""));
    }
    return out;
  }

  private static byte[] returned(ChannelGateway.ViewResult result, String what) {
    if (result instanceof ChannelGateway.ViewResult.Reverted r) {
      throw new NodeUnavailableException(
          "the channel contract did not answer " + what + ": " + r.reason());
    }
    return ((ChannelGateway.ViewResult.Returned) result).data();
  }

  /**
   * What travels as call_token_value: the amount itself on a TRC-10 hub, nothing on a TRC-20 one.
   */
  private static Optional<Amount> tokenValue(ChannelHub hub, Amount amount) {
    return hub.isTrc10() ? Optional.of(amount) : Optional.empty();
  }
}
