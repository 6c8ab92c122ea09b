package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.ChannelTransaction;
import io.bttspeed.proto.channel.v1.ChannelTransactionEstimate;
import io.bttspeed.proto.channel.v1.ChannelTransactionKind;
import io.bttspeed.proto.channel.v1.InspectChannelResponse;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.channel.ChannelFeeEstimator;
import io.bttspeed.wallet.channel.ChannelInspector;
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
        .setWalletId(r.walletId().toString())
        .setAsset(ProtoMapper.asset(r.asset()))
        .setHubAddress(r.hub().base58())
        .setPayerAddress(r.payer().base58())
        .setPayeeAddress(r.payee().base58())
        .setDepositBaseUnits(r.deposit().units().toString())
        .setCumulativeBaseUnits(r.cumulative().units().toString())
        .setPaidOutBaseUnits(r.paidOut().units().toString())
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

  static InspectChannelResponse inspection(ChannelInspector.Inspection i) {
    return InspectChannelResponse.newBuilder()
        .setChannelId(i.id().hex())
        .setHubAddress(i.hub().address().base58())
        .setAsset(ProtoMapper.asset(i.asset()))
        .setPayerAddress(i.payer().base58())
        .setPayeeAddress(i.payee().base58())
        .setDepositBaseUnits(i.deposit().units().toString())
        .setPaidOutBaseUnits(i.paidOut().units().toString())
        .setCumulativeBaseUnits(i.cumulative().units().toString())
        .setExpiresAtUnixMs(i.expiresAt().toEpochMilli())
        .setClosed(i.closed())
        .setChainId(i.hub().chainId())
        .setChainTimeUnixMs(i.chainTime().toEpochMilli())
        .setRole(
            i.role() == ChannelRole.PAYER
                ? io.bttspeed.proto.channel.v1.ChannelRole.CHANNEL_ROLE_PAYER
                : io.bttspeed.proto.channel.v1.ChannelRole.CHANNEL_ROLE_PAYEE)
        .build();
  }

  static ChannelResponse changed(PayerChannels.Changed c) {
    return ChannelResponse.newBuilder()
        .setChannel(channel(c.channel()))
        .setTxid(c.txid().map(TxId::hex).orElse(""))
        .addAllTransactions(c.transactions().stream().map(ChannelProtos::transaction).toList())
        .build();
  }

  static ChannelTransaction transaction(io.bttspeed.wallet.channel.ChannelTransaction t) {
    io.bttspeed.wallet.channel.ChannelTransaction.Sent s = t.sent();
    return ChannelTransaction.newBuilder()
        .setTxid(s.txid().hex())
        .setKind(kind(s.kind()))
        .setChannelId(t.channelId().hex())
        .setWalletId(t.walletId().toString())
        .setBlockNumber(s.blockNumber())
        .setSucceeded(s.succeeded())
        .setFeeSun(Long.toString(s.feeSun()))
        .setBandwidthFeeSun(Long.toString(s.resources().bandwidthFeeSun()))
        .setEnergyFeeSun(Long.toString(s.resources().energyFeeSun()))
        .setBandwidthBytes(s.resources().bandwidthBytes())
        .setEnergyUnits(s.resources().energyUnits())
        .setRecordedAtUnixMs(t.recordedAtMs())
        .setIndex(t.index())
        .build();
  }

  static ChannelTransactionEstimate estimate(ChannelFeeEstimator.Estimate e) {
    return ChannelTransactionEstimate.newBuilder()
        .setKind(kind(e.kind()))
        .setFeeSun(Long.toString(e.feeSun()))
        .setBandwidthFeeSun(Long.toString(e.bandwidthFeeSun()))
        .setEnergyFeeSun(Long.toString(e.energyFeeSun()))
        .setBandwidthBytes(e.bandwidthBytes())
        .setEnergyUnits(e.energyUnits())
        .build();
  }

  private static ChannelTransactionKind kind(io.bttspeed.wallet.channel.ChannelTransaction.Kind k) {
    return switch (k) {
      case APPROVE -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_APPROVE;
      case OPEN -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_OPEN;
      case TOP_UP -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_TOP_UP;
      case EXTEND -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_EXTEND;
      case SETTLE -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_SETTLE;
      case CLOSE -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_CLOSE;
      case RECLAIM -> ChannelTransactionKind.CHANNEL_TRANSACTION_KIND_RECLAIM;
    };
  }
}
