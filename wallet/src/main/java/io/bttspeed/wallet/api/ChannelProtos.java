package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.wallet.channel.ChannelRecord;
import io.bttspeed.wallet.channel.ChannelRole;
import io.bttspeed.wallet.channel.PayerChannels;

/** Converts channel state to the wire types of {@code bttspeed.channel.v1}. */
final class ChannelProtos {

  private ChannelProtos() {}

  static Channel channel(ChannelRecord r) {
    return Channel.newBuilder()
        .setChannelId(r.channelId().hex())
        .setRole(
            r.role() == ChannelRole.PAYER
                ? io.bttspeed.proto.channel.v1.ChannelRole.CHANNEL_ROLE_PAYER
                : io.bttspeed.proto.channel.v1.ChannelRole.CHANNEL_ROLE_PAYEE)
        .setWalletId(r.walletId())
        .setAsset(ProtoMapper.asset(r.asset()))
        .setHubAddress(r.hub().base58())
        .setPayerAddress(r.payer().base58())
        .setPayeeAddress(r.payee().base58())
        .setDepositBaseUnits(r.deposit().toString())
        .setCumulativeBaseUnits(r.cumulative().toString())
        .setPaidOutBaseUnits(r.paidOut().toString())
        .setExpiresAtUnixMs(r.expiresAt().toEpochMilli())
        .setState(
            switch (r.status()) {
              case OPENING -> ChannelState.CHANNEL_STATE_OPENING;
              case OPEN -> ChannelState.CHANNEL_STATE_OPEN;
              case CLOSING -> ChannelState.CHANNEL_STATE_CLOSING;
              case CLOSED -> ChannelState.CHANNEL_STATE_CLOSED;
            })
        .setVoucherSignatureHex(r.signature().map(s -> s.hex()).orElse(""))
        .setUpdatedAtUnixMs(r.updatedAtMs())
        .build();
  }

  static ChannelResponse changed(PayerChannels.Changed c) {
    return ChannelResponse.newBuilder().setChannel(channel(c.channel())).setTxid(c.txid()).build();
  }
}
