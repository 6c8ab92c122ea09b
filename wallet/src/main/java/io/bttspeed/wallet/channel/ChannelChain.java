package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.channel.ChannelId;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.ChannelGateway.CallOutcome;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.money.Amount;
import io.bttspeed.wallet.money.Asset;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The channel operations on chain, for any hub: each call is first tried as a constant call, so a
 * call the contract would revert fails with the contract's reason and burns nothing, then signed,
 * sent, and awaited.
 */
final class ChannelChain {

  /** A channel the payer's open created, and the open transaction. */
  record Opened(ChannelId channelId, String txid) {}

  private final ChannelGateway gateway;
  private final TronGateway tron;
  private final ChannelConfig config;

  ChannelChain(ChannelGateway gateway, TronGateway tron, ChannelConfig config) {
    this.gateway = gateway;
    this.tron = tron;
    this.config = config;
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
   * TRC-20: approve the hub for the deposit, then open; TRC-10: open with the deposit as token
   * value.
   */
  Opened open(
      TronKey payer, ChannelHub hub, TronAddress payee, BigInteger deposit, Instant expiresAt) {
    ChannelId pending = ChannelId.of(new byte[32]);
    if (hub.asset() instanceof Asset.Trc20 token) {
      send(
          pending,
          payer,
          token.contract(),
          BttTokenContract.approve(ChannelHub.evm(hub.address()), deposit),
          Optional.empty());
    }
    CallOutcome out =
        send(
            pending,
            payer,
            hub.address(),
            hub.open(payee, deposit, expiresAt),
            tokenValue(hub, deposit));
    return new Opened(hub.decodeChannelId(out.returnData()), out.txid());
  }

  String topUp(TronKey payer, ChannelHub hub, ChannelId id, BigInteger amount) {
    if (hub.asset() instanceof Asset.Trc20 token) {
      send(
          id,
          payer,
          token.contract(),
          BttTokenContract.approve(ChannelHub.evm(hub.address()), amount),
          Optional.empty());
    }
    return send(id, payer, hub.address(), hub.topUp(id, amount), tokenValue(hub, amount)).txid();
  }

  String extend(TronKey payer, ChannelHub hub, ChannelId id, Instant expiresAt) {
    return send(id, payer, hub.address(), hub.extend(id, expiresAt), Optional.empty()).txid();
  }

  String settle(
      TronKey payee, ChannelHub hub, ChannelId id, BigInteger cumulative, VoucherSignature sig) {
    return send(id, payee, hub.address(), hub.settle(id, cumulative, sig.bytes()), Optional.empty())
        .txid();
  }

  /**
   * With nothing beyond what was paid out, the contract needs no signature: the payee gives up
   * nothing.
   */
  String close(
      TronKey payee,
      ChannelHub hub,
      ChannelId id,
      BigInteger cumulative,
      Optional<VoucherSignature> sig) {
    byte[] signature = sig.map(VoucherSignature::bytes).orElse(new byte[0]);
    return send(id, payee, hub.address(), hub.close(id, cumulative, signature), Optional.empty())
        .txid();
  }

  String reclaim(TronKey payer, ChannelHub hub, ChannelId id) {
    return send(id, payer, hub.address(), hub.reclaim(id), Optional.empty()).txid();
  }

  /** What a settle would burn, in sun: the node's energy estimate at the chain's energy price. */
  long settleFeeSun(
      TronAddress payee,
      ChannelHub hub,
      ChannelId id,
      BigInteger cumulative,
      VoucherSignature sig) {
    long energy =
        gateway.estimateEnergy(
            payee, hub.address(), hub.settle(id, cumulative, sig.bytes()), Optional.empty());
    return Math.multiplyExact(energy, tron.fees().energyPriceSun());
  }

  private CallOutcome send(
      ChannelId id, TronKey key, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    if (tokenValue.isEmpty()
        && gateway.view(key.address(), contract, data)
            instanceof ChannelGateway.ViewResult.Reverted r) {
      throw new ChannelException(id, ChannelException.Reason.CHAIN_REJECTED, r.reason());
    }
    CallOutcome out =
        gateway.callAndWait(
            key, contract, data, tokenValue, config.feeLimitSun(), config.callTimeout());
    if (!out.succeeded()) {
      throw new ChannelException(
          id,
          ChannelException.Reason.CHAIN_REJECTED,
          out.failureReason() + (out.txid().isEmpty() ? "" : " (transaction " + out.txid() + ")"));
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

  private static Optional<Amount> tokenValue(ChannelHub hub, BigInteger amount) {
    return hub.isTrc10() ? Optional.of(new Amount(hub.asset(), amount)) : Optional.empty();
  }
}
