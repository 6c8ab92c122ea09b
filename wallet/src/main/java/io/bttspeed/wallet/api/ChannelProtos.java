package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.AcceptVoucherResponse;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelEvent;
import io.bttspeed.proto.channel.v1.ChannelEventKind;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.ChannelTransaction;
import io.bttspeed.proto.channel.v1.ChannelTransactionEstimate;
import io.bttspeed.proto.channel.v1.ChannelTransactionKind;
import io.bttspeed.proto.channel.v1.EstimateChannelFeeResponse;
import io.bttspeed.proto.channel.v1.GetChainInfoResponse;
import io.bttspeed.proto.channel.v1.InspectChannelResponse;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsResponse;
import io.bttspeed.proto.channel.v1.ListChannelsResponse;
import io.bttspeed.proto.channel.v1.OpenChannelResponse;
import io.bttspeed.proto.channel.v1.PayResponse;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.proto.channel.v1.VoucherRefusal;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.channel.ChannelException;
import io.bttspeed.wallet.channel.ChannelFeeEstimator;
import io.bttspeed.wallet.channel.ChannelHubs;
import io.bttspeed.wallet.channel.ChannelInspector;
import io.bttspeed.wallet.channel.ChannelRecord;
import io.bttspeed.wallet.channel.ChannelRole;
import io.bttspeed.wallet.channel.ChannelStore;
import io.bttspeed.wallet.channel.PayeeChannels;
import io.bttspeed.wallet.channel.PayerChannels;
import io.bttspeed.wallet.error.WalletException;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

  static OpenChannelResponse opened(PayerChannels.Changed opened) {
    return OpenChannelResponse.newBuilder()
        .setChannel(channel(opened.channel()))
        .setTxid(opened.txid().map(TxId::hex).orElse(""))
        .addAllTransactions(opened.transactions().stream().map(ChannelProtos::transaction).toList())
        .build();
  }

  static PayResponse payment(PayerChannels.Payment p) {
    ChannelRecord c = p.channel();
    return PayResponse.newBuilder()
        .setVoucher(
            Voucher.newBuilder()
                .setChannelId(c.channelId().hex())
                .setCumulativeBaseUnits(c.cumulative().units().toString())
                .setSignatureHex(p.signature().hex())
                .setHubAddress(c.hub().base58()))
        .setIncrementBaseUnits(p.increment().units().toString())
        .setRemainingBaseUnits(c.remaining().units().toString())
        .build();
  }

  static AcceptVoucherResponse accepted(PayeeChannels.Accepted accepted) {
    return AcceptVoucherResponse.newBuilder()
        .setAcceptedCumulativeBaseUnits(accepted.cumulative().units().toString())
        .setIncrementBaseUnits(accepted.increment().units().toString())
        .build();
  }

  /** A refused voucher of a stream, with the status the unary call would have ended with. */
  static VoucherRefusal.Builder refusal(WalletException e) {
    Status status = ErrorMapping.toStatus(e).getStatus();
    return VoucherRefusal.newBuilder()
        .setCode(status.getCode().name())
        .setMessage(status.getDescription() == null ? "" : status.getDescription())
        .setChannelReason(e instanceof ChannelException ce ? ce.reason().name() : "");
  }

  static ListChannelsResponse channels(List<ChannelRecord> records) {
    ListChannelsResponse.Builder b = ListChannelsResponse.newBuilder();
    records.forEach(c -> b.addChannels(channel(c)));
    return b.build();
  }

  static ChannelEvent event(ChannelStore.Event e) {
    return ChannelEvent.newBuilder()
        .setEventIndex(e.index())
        .setKind(ChannelEventKind.valueOf("CHANNEL_EVENT_KIND_" + e.kind().name()))
        .setChannel(channel(e.channel()))
        .setAtUnixMs(e.atMs())
        .build();
  }

  static GetChainInfoResponse chainInfo(
      Instant chainTime, Duration expiryMargin, ChannelHubs hubs) {
    GetChainInfoResponse.Builder b =
        GetChainInfoResponse.newBuilder()
            .setChainTimeUnixMs(chainTime.toEpochMilli())
            .setExpiryMarginMs(expiryMargin.toMillis());
    hubs.hubs()
        .forEach(
            h -> {
              b.setChainId(h.chainId());
              b.addHubs(
                  io.bttspeed.proto.channel.v1.ChannelHub.newBuilder()
                      .setAsset(ProtoMapper.asset(h.asset()))
                      .setHubAddress(h.address().base58()));
            });
    return b.build();
  }

  static EstimateChannelFeeResponse feeEstimate(List<ChannelFeeEstimator.Estimate> estimates) {
    long total = 0;
    EstimateChannelFeeResponse.Builder b =
        EstimateChannelFeeResponse.newBuilder()
            .setTolerancePercent(ChannelFeeEstimator.TOLERANCE_PERCENT);
    for (ChannelFeeEstimator.Estimate e : estimates) {
      total = Math.addExact(total, e.feeSun());
      b.addTransactions(estimate(e));
    }
    return b.setFeeSun(Long.toString(total)).build();
  }

  static ListChannelTransactionsResponse transactions(
      List<io.bttspeed.wallet.channel.ChannelTransaction> page) {
    ListChannelTransactionsResponse.Builder b = ListChannelTransactionsResponse.newBuilder();
    page.forEach(t -> b.addTransactions(transaction(t)));
    if (!page.isEmpty()) {
      b.setFirstIndexOffset(page.get(0).index());
      b.setLastIndexOffset(page.get(page.size() - 1).index());
    }
    return b.build();
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
