package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.channel.ChannelAsset;
import io.bttspeed.contracts.channel.ChannelEvent;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.channel.SpeedChannelsContract;
import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployed channel contract and the asset it holds: SpeedChannels for a TRC-20 token, or
 * SpeedChannelsTrc10 for TRC-10 BTT. Hides which binding builds the call data; how the deposit
 * travels (allowance or token value) is the caller's business, told by {@link #asset()}.
 */
public record ChannelHub(TronAddress address, Asset asset, long chainId) {

  public ChannelHub {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(asset, "asset");
    if (asset instanceof Asset.Trx) {
      throw new IllegalArgumentException("channels hold a token, not TRX");
    }
    if (asset instanceof Asset.Trc10 t && t.tokenId() != SpeedChannelsTrc10Contract.TOKEN_ID) {
      throw new IllegalArgumentException(
          "the TRC-10 hub holds only token " + SpeedChannelsTrc10Contract.TOKEN_ID);
    }
  }

  public boolean isTrc10() {
    return asset instanceof Asset.Trc10;
  }

  /** The TIP-712 domain vouchers for this hub are signed under. */
  public Tip712Domain domain() {
    return new Tip712Domain(chainId, evm(address));
  }

  /** Whether a channel's deposit, as {@code channels(id)} reports it, is this hub's asset. */
  boolean holds(ChannelAsset deposit) {
    if (asset instanceof Asset.Trc20 t) {
      return deposit instanceof ChannelAsset.Trc20 d && d.token().equals(evm(t.contract()));
    }
    return deposit instanceof ChannelAsset.Trc10 d
        && d.tokenId() == ((Asset.Trc10) asset).tokenId();
  }

  /**
   * open: TRC-20 pulls {@code deposit} by transferFrom; TRC-10 takes it as the call's token value.
   */
  CallData open(TronAddress payee, BigInteger deposit, Instant expiresAt) {
    if (asset instanceof Asset.Trc20 t) {
      return SpeedChannelsContract.open(evm(payee), evm(t.contract()), deposit, expiresAt);
    }
    return SpeedChannelsTrc10Contract.open(evm(payee), expiresAt);
  }

  CallData nonces(TronAddress payer) {
    return isTrc10()
        ? SpeedChannelsTrc10Contract.nonces(evm(payer))
        : SpeedChannelsContract.nonces(evm(payer));
  }

  /** The id the payer's open with this nonce ({@code nonces(payer)} before it) will get. */
  ChannelId channelIdOf(TronAddress payer, TronAddress payee, BigInteger nonce) {
    if (asset instanceof Asset.Trc20 t) {
      return SpeedChannelsContract.channelIdOf(evm(payer), evm(payee), evm(t.contract()), nonce);
    }
    return SpeedChannelsTrc10Contract.channelIdOf(evm(payer), evm(payee), nonce);
  }

  CallData topUp(ChannelId id, BigInteger amount) {
    return isTrc10()
        ? SpeedChannelsTrc10Contract.topUp(id)
        : SpeedChannelsContract.topUp(id, amount);
  }

  CallData extend(ChannelId id, Instant expiresAt) {
    return SpeedChannelsContract.extend(id, expiresAt);
  }

  CallData settle(ChannelId id, BigInteger cumulative, byte[] signature) {
    return SpeedChannelsContract.settle(id, cumulative, signature);
  }

  CallData close(ChannelId id, BigInteger cumulative, byte[] signature) {
    return SpeedChannelsContract.close(id, cumulative, signature);
  }

  CallData reclaim(ChannelId id) {
    return SpeedChannelsContract.reclaim(id);
  }

  CallData channels(ChannelId id) {
    return isTrc10() ? SpeedChannelsTrc10Contract.channels(id) : SpeedChannelsContract.channels(id);
  }

  CallData voucherDigest(ChannelId id, BigInteger cumulative) {
    return SpeedChannelsContract.voucherDigest(id, cumulative);
  }

  ChannelState decodeChannel(byte[] result) {
    return isTrc10()
        ? SpeedChannelsTrc10Contract.decodeChannel(result)
        : SpeedChannelsContract.decodeChannel(result);
  }

  /** The channel event in a log this hub emitted, or empty for another event. */
  Optional<ChannelEvent> decodeEvent(EventLog log) {
    return isTrc10()
        ? SpeedChannelsTrc10Contract.decodeEvent(log)
        : SpeedChannelsContract.decodeEvent(log);
  }

  ChannelId decodeChannelId(byte[] result) {
    return SpeedChannelsContract.decodeChannelId(result);
  }

  static EvmAddress evm(TronAddress address) {
    return EvmAddress.of(address.evm());
  }

  static TronAddress tron(EvmAddress address) {
    return TronAddress.of(address.toTron());
  }
}
