package io.bttspeed.bridge.wallet;

import static io.bttspeed.bridge.wallet.GrpcChannelWallet.refuse;

import io.bttspeed.bridge.wallet.ChannelWalletException.Reason;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.InspectChannelResponse;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.api.ProtoMapper;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a payee needs of a channel the wallet read from the chain: paying this wallet, open, on one
 * of this wallet's hubs holding that hub's asset, on this chain, and living beyond the wallet's
 * expiry margin.
 */
final class PayeeChecks {
  private final TronAddress address;
  private final long chainId;
  private final Duration expiryMargin;
  private final Map<TronAddress, Asset> assetsByHub;

  PayeeChecks(
      TronAddress address,
      long chainId,
      Duration expiryMargin,
      Map<TronAddress, Asset> assetsByHub) {
    this.address = address;
    this.chainId = chainId;
    this.expiryMargin = expiryMargin;
    this.assetsByHub = assetsByHub;
  }

  /** The channel as {@code seen}, or a BAD_CHANNEL or EXPIRING refusal naming {@code what}. */
  ChannelView view(ChannelId channel, String what, InspectChannelResponse seen) {
    TronAddress hub = TronAddress.parse(seen.getHubAddress());
    Asset hubAsset = assetsByHub.get(hub);
    if (hubAsset == null) {
      throw refuse(
          Reason.BAD_CHANNEL, what, "it is on contract " + hub + ", not one of this wallet's hubs");
    }
    if (!ProtoMapper.asset(seen.getAsset()).equals(hubAsset)) {
      throw refuse(Reason.BAD_CHANNEL, what, "its deposit is not " + hubAsset.key());
    }
    if (seen.getRole() != ChannelRole.CHANNEL_ROLE_PAYEE
        || !TronAddress.parse(seen.getPayeeAddress()).equals(address)) {
      throw refuse(
          Reason.BAD_CHANNEL, what, "it pays " + seen.getPayeeAddress() + ", not " + address);
    }
    if (seen.getClosed()) {
      throw refuse(Reason.BAD_CHANNEL, what, "it is closed on chain");
    }
    if (seen.getChainId() != chainId) {
      throw refuse(
          Reason.BAD_CHANNEL, what, "it is on chain " + seen.getChainId() + ", not " + chainId);
    }
    Instant expiresAt = Instant.ofEpochMilli(seen.getExpiresAtUnixMs());
    Instant chainTime = Instant.ofEpochMilli(seen.getChainTimeUnixMs());
    if (!chainTime.plus(expiryMargin).isBefore(expiresAt)) {
      throw refuse(
          Reason.EXPIRING,
          what,
          "it expires at " + expiresAt + ", within the wallet's margin of " + expiryMargin);
    }
    BigInteger stored = new BigInteger(seen.getCumulativeBaseUnits());
    BigInteger paidOut = new BigInteger(seen.getPaidOutBaseUnits());
    return new ChannelView(
        channel,
        hub,
        TronAddress.parse(seen.getPayerAddress()),
        address,
        new Amount(hubAsset, new BigInteger(seen.getDepositBaseUnits())),
        new Amount(hubAsset, stored.max(paidOut)),
        expiresAt);
  }
}
