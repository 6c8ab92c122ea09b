package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherResponse;
import io.bttspeed.proto.channel.v1.AcceptVoucherStreamResponse;
import io.bttspeed.proto.channel.v1.ChannelEvent;
import io.bttspeed.proto.channel.v1.ChannelEventKind;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.EstimateChannelFeeRequest;
import io.bttspeed.proto.channel.v1.EstimateChannelFeeResponse;
import io.bttspeed.proto.channel.v1.EstimateOpen;
import io.bttspeed.proto.channel.v1.ExtendChannelRequest;
import io.bttspeed.proto.channel.v1.GetChainInfoRequest;
import io.bttspeed.proto.channel.v1.GetChainInfoResponse;
import io.bttspeed.proto.channel.v1.InspectChannelRequest;
import io.bttspeed.proto.channel.v1.InspectChannelResponse;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsRequest;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsResponse;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.channel.v1.ListChannelsResponse;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.OpenChannelResponse;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.PayResponse;
import io.bttspeed.proto.channel.v1.SubscribeChannelEventsRequest;
import io.bttspeed.proto.channel.v1.TopUpChannelRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.proto.channel.v1.VoucherRefusal;
import io.bttspeed.tron.Echo;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.channel.ChannelException;
import io.bttspeed.wallet.channel.ChannelFeeEstimator;
import io.bttspeed.wallet.channel.ChannelRecord;
import io.bttspeed.wallet.channel.ChannelRole;
import io.bttspeed.wallet.channel.ChannelStatus;
import io.bttspeed.wallet.channel.Channels;
import io.bttspeed.wallet.channel.PayeeChannels;
import io.bttspeed.wallet.channel.PayerChannels;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.WalletException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Principal;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The ChannelService handler: parses requests into domain values, calls the channel domain, maps
 * the answer back. Errors are thrown and mapped by {@link ErrorInterceptor}; the caller comes from
 * {@code caller}, which the server binds to the authenticated principal.
 */
public final class ChannelGrpcService extends ChannelServiceGrpc.ChannelServiceImplBase {

  private final Channels channels;
  private final Supplier<Principal> caller;

  /**
   * The hubs by their base58 text: every voucher names one, and base58check decoding is not free.
   */
  private final Map<String, TronAddress> hubsByText;

  public ChannelGrpcService(Channels channels, Supplier<Principal> caller) {
    this.channels = channels;
    this.caller = caller;
    this.hubsByText =
        channels.hubs().hubs().stream()
            .collect(Collectors.toUnmodifiableMap(h -> h.address().base58(), h -> h.address()));
  }

  @Override
  public void openChannel(OpenChannelRequest req, StreamObserver<OpenChannelResponse> out) {
    WalletId walletId = ProtoMapper.walletId(req.getWalletId());
    PayerChannels.Changed opened =
        channels
            .payer()
            .open(
                caller.get(),
                walletId,
                TronAddress.parse(req.getPayeeAddress()),
                new Amount(
                    ProtoMapper.asset(req.getAsset()),
                    units("deposit_base_units", req.getDepositBaseUnits())),
                instant("expires_at_unix_ms", req.getExpiresAtUnixMs()),
                req.getIdempotencyKey());
    reply(
        out,
        OpenChannelResponse.newBuilder()
            .setChannel(ChannelProtos.channel(opened.channel()))
            .setTxid(opened.txid().map(TxId::hex).orElse(""))
            .addAllTransactions(
                opened.transactions().stream().map(ChannelProtos::transaction).toList())
            .build());
  }

  @Override
  public void topUpChannel(TopUpChannelRequest req, StreamObserver<ChannelResponse> out) {
    ChannelRef ref = req.getChannel();
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    BigInteger amount = units("amount_base_units", req.getAmountBaseUnits());
    reply(
        out,
        ChannelProtos.changed(
            channels
                .payer()
                .topUp(
                    caller.get(),
                    walletId,
                    channelId(ref.getChannelId()),
                    amount,
                    req.getIdempotencyKey())));
  }

  @Override
  public void extendChannel(ExtendChannelRequest req, StreamObserver<ChannelResponse> out) {
    ChannelRef ref = req.getChannel();
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    Instant expiresAt = instant("expires_at_unix_ms", req.getExpiresAtUnixMs());
    reply(
        out,
        ChannelProtos.changed(
            channels
                .payer()
                .extend(caller.get(), walletId, channelId(ref.getChannelId()), expiresAt)));
  }

  @Override
  public void pay(PayRequest req, StreamObserver<PayResponse> out) {
    ChannelRef ref = req.getChannel();
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    boolean byIncrement = !req.getIncrementBaseUnits().isEmpty();
    if (byIncrement == !req.getCumulativeBaseUnits().isEmpty()) {
      throw new InvalidArgumentException(
          "set exactly one of increment_base_units (pay this much more) and cumulative_base_units (a voucher"
              + " for this total; idempotent)");
    }
    ChannelId id = channelId(ref.getChannelId());
    PayerChannels.Payment p =
        byIncrement
            ? channels
                .payer()
                .pay(
                    caller.get(),
                    walletId,
                    id,
                    units("increment_base_units", req.getIncrementBaseUnits()))
            : channels
                .payer()
                .payUpTo(
                    caller.get(),
                    walletId,
                    id,
                    units("cumulative_base_units", req.getCumulativeBaseUnits()));
    ChannelRecord c = p.channel();
    reply(
        out,
        PayResponse.newBuilder()
            .setVoucher(
                Voucher.newBuilder()
                    .setChannelId(c.channelId().hex())
                    .setCumulativeBaseUnits(c.cumulative().units().toString())
                    .setSignatureHex(p.signature().hex())
                    .setHubAddress(c.hub().base58()))
            .setIncrementBaseUnits(p.increment().units().toString())
            .setRemainingBaseUnits(c.remaining().units().toString())
            .build());
  }

  @Override
  public void acceptVoucher(AcceptVoucherRequest req, StreamObserver<AcceptVoucherResponse> out) {
    reply(out, accept(caller.get(), req));
  }

  /**
   * Answers each voucher in order as {@link #acceptVoucher} would; a refusal is an answer, not the
   * end of the stream. Anything else (an internal error) ends the stream through the error
   * interceptor.
   */
  @Override
  public StreamObserver<AcceptVoucherRequest> acceptVoucherStream(
      StreamObserver<AcceptVoucherStreamResponse> out) {
    Principal principal = caller.get();
    return new StreamObserver<>() {
      private long sequence;

      @Override
      public void onNext(AcceptVoucherRequest req) {
        AcceptVoucherStreamResponse.Builder answer =
            AcceptVoucherStreamResponse.newBuilder().setSequence(sequence++);
        try {
          answer.setAccepted(accept(principal, req));
        } catch (WalletException e) {
          Status status = ErrorMapping.toStatus(e).getStatus();
          answer.setRefused(
              VoucherRefusal.newBuilder()
                  .setCode(status.getCode().name())
                  .setMessage(status.getDescription() == null ? "" : status.getDescription())
                  .setChannelReason(e instanceof ChannelException ce ? ce.reason().name() : ""));
        }
        out.onNext(answer.build());
      }

      @Override
      public void onError(Throwable t) {
        // The client went away; everything answered so far is stored.
      }

      @Override
      public void onCompleted() {
        out.onCompleted();
      }
    };
  }

  private AcceptVoucherResponse accept(Principal principal, AcceptVoucherRequest req) {
    WalletId walletId = ProtoMapper.walletId(req.getWalletId());
    Voucher v = req.getVoucher();
    ChannelId id = channelId(v.getChannelId());
    byte[] signature;
    try {
      signature = HexFormat.of().parseHex(strip0x(v.getSignatureHex()));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "channel " + id.hex() + ": bad signature: signature_hex is not hex");
    }
    PayeeChannels.Accepted accepted =
        channels
            .payee()
            .accept(
                principal,
                walletId,
                new PayeeChannels.IncomingVoucher(
                    hub(v.getHubAddress()),
                    id,
                    units("cumulative_base_units", v.getCumulativeBaseUnits()),
                    signature));
    return AcceptVoucherResponse.newBuilder()
        .setAcceptedCumulativeBaseUnits(accepted.cumulative().units().toString())
        .setIncrementBaseUnits(accepted.increment().units().toString())
        .build();
  }

  @Override
  public void settleChannel(ChannelRef ref, StreamObserver<ChannelResponse> out) {
    replyChanged(ref, out, channels.payee()::settle);
  }

  @Override
  public void closeChannel(ChannelRef ref, StreamObserver<ChannelResponse> out) {
    replyChanged(ref, out, channels.payee()::close);
  }

  @Override
  public void reclaimChannel(ChannelRef ref, StreamObserver<ChannelResponse> out) {
    replyChanged(ref, out, channels.payer()::reclaim);
  }

  /** An on-chain action on one channel, taken by the caller's wallet: settle, close or reclaim. */
  @FunctionalInterface
  private interface ChannelAction {
    PayerChannels.Changed apply(Principal caller, WalletId walletId, ChannelId id);
  }

  private void replyChanged(
      ChannelRef ref, StreamObserver<ChannelResponse> out, ChannelAction action) {
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    reply(
        out,
        ChannelProtos.changed(action.apply(caller.get(), walletId, channelId(ref.getChannelId()))));
  }

  @Override
  public void getChannel(ChannelRef ref, StreamObserver<ChannelResponse> out) {
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    ChannelId id = channelId(ref.getChannelId());
    ChannelRecord r =
        channels
            .store()
            .find(walletId, id)
            .filter(c -> c.principalId().equals(caller.get().id()))
            .orElseThrow(
                () ->
                    new io.bttspeed.wallet.error.NotFoundException(
                        "no channel "
                            + id.hex()
                            + " for wallet "
                            + walletId
                            + "; ListChannels shows yours"));
    reply(out, ChannelResponse.newBuilder().setChannel(ChannelProtos.channel(r)).build());
  }

  @Override
  public void listChannels(ListChannelsRequest req, StreamObserver<ListChannelsResponse> out) {
    Optional<ChannelRole> role =
        switch (req.getRole()) {
          case CHANNEL_ROLE_PAYER -> Optional.of(ChannelRole.PAYER);
          case CHANNEL_ROLE_PAYEE -> Optional.of(ChannelRole.PAYEE);
          default -> Optional.empty();
        };
    Optional<ChannelStatus> status =
        switch (req.getState()) {
          case CHANNEL_STATE_OPENING -> Optional.of(ChannelStatus.OPENING);
          case CHANNEL_STATE_OPEN -> Optional.of(ChannelStatus.OPEN);
          case CHANNEL_STATE_CLOSING -> Optional.of(ChannelStatus.CLOSING);
          case CHANNEL_STATE_CLOSED -> Optional.of(ChannelStatus.CLOSED);
          default -> Optional.empty();
        };
    Optional<TronAddress> counterparty =
        req.getCounterpartyAddress().isBlank()
            ? Optional.empty()
            : Optional.of(TronAddress.parse(req.getCounterpartyAddress()));
    ListChannelsResponse.Builder b = ListChannelsResponse.newBuilder();
    channels
        .store()
        .list(caller.get().id(), role, status, counterparty)
        .forEach(c -> b.addChannels(ChannelProtos.channel(c)));
    reply(out, b.build());
  }

  @Override
  public void subscribeChannelEvents(
      SubscribeChannelEventsRequest req, StreamObserver<ChannelEvent> out) {
    if (req.getStartIndex() < 0) {
      throw new InvalidArgumentException("start_index must not be negative");
    }
    FeedStreams.follow(
        channels.feed(),
        caller.get().id(),
        req.getStartIndex(),
        (ServerCallStreamObserver<ChannelEvent>) out,
        e ->
            ChannelEvent.newBuilder()
                .setEventIndex(e.index())
                .setKind(ChannelEventKind.valueOf("CHANNEL_EVENT_KIND_" + e.kind().name()))
                .setChannel(ChannelProtos.channel(e.channel()))
                .setAtUnixMs(e.atMs())
                .build());
  }

  @Override
  public void inspectChannel(
      InspectChannelRequest req, StreamObserver<InspectChannelResponse> out) {
    WalletId walletId = ProtoMapper.walletId(req.getWalletId());
    ChannelId id = channelId(req.getChannelId());
    if (req.hasAsset() && !req.getHubAddress().isEmpty()) {
      throw new InvalidArgumentException("set at most one of asset and hub_address");
    }
    Optional<io.bttspeed.tron.money.Asset> asset =
        req.hasAsset() ? Optional.of(ProtoMapper.asset(req.getAsset())) : Optional.empty();
    Optional<TronAddress> hub =
        req.getHubAddress().isEmpty() ? Optional.empty() : Optional.of(hub(req.getHubAddress()));
    reply(
        out,
        ChannelProtos.inspection(
            channels.inspector().inspect(caller.get(), walletId, id, asset, hub)));
  }

  @Override
  public void getChainInfo(GetChainInfoRequest req, StreamObserver<GetChainInfoResponse> out) {
    GetChainInfoResponse.Builder b =
        GetChainInfoResponse.newBuilder()
            .setChainTimeUnixMs(channels.chainTime().toEpochMilli())
            .setExpiryMarginMs(channels.expiryMargin().toMillis());
    channels
        .hubs()
        .hubs()
        .forEach(
            h -> {
              b.setChainId(h.chainId());
              b.addHubs(
                  io.bttspeed.proto.channel.v1.ChannelHub.newBuilder()
                      .setAsset(ProtoMapper.asset(h.asset()))
                      .setHubAddress(h.address().base58()));
            });
    reply(out, b.build());
  }

  @Override
  public void estimateChannelFee(
      EstimateChannelFeeRequest req, StreamObserver<EstimateChannelFeeResponse> out) {
    WalletId walletId = ProtoMapper.walletId(req.getWalletId());
    Principal principal = caller.get();
    List<ChannelFeeEstimator.Estimate> estimates =
        switch (req.getActionCase()) {
          case OPEN -> {
            EstimateOpen open = req.getOpen();
            yield channels
                .payer()
                .estimateOpen(
                    principal,
                    walletId,
                    TronAddress.parse(open.getPayeeAddress()),
                    new Amount(
                        ProtoMapper.asset(open.getAsset()),
                        units("open.deposit_base_units", open.getDepositBaseUnits())),
                    instant("open.expires_at_unix_ms", open.getExpiresAtUnixMs()));
          }
          case SETTLE_CHANNEL_ID ->
              List.of(
                  channels
                      .payee()
                      .estimateSettle(principal, walletId, channelId(req.getSettleChannelId())));
          case CLOSE_CHANNEL_ID ->
              List.of(
                  channels
                      .payee()
                      .estimateClose(principal, walletId, channelId(req.getCloseChannelId())));
          case ACTION_NOT_SET ->
              throw new InvalidArgumentException(
                  "set one of open, settle_channel_id and close_channel_id: the action to estimate");
        };
    long total = 0;
    EstimateChannelFeeResponse.Builder b =
        EstimateChannelFeeResponse.newBuilder()
            .setTolerancePercent(ChannelFeeEstimator.TOLERANCE_PERCENT);
    for (ChannelFeeEstimator.Estimate e : estimates) {
      total = Math.addExact(total, e.feeSun());
      b.addTransactions(ChannelProtos.estimate(e));
    }
    reply(out, b.setFeeSun(Long.toString(total)).build());
  }

  @Override
  public void listChannelTransactions(
      ListChannelTransactionsRequest req, StreamObserver<ListChannelTransactionsResponse> out) {
    int max = req.getMaxTransactions() == 0 ? 100 : req.getMaxTransactions();
    if (max < 1 || max > 1000) {
      throw new InvalidArgumentException(
          "max_transactions must be 1 to 1000 (0 means 100), not " + Integer.toUnsignedString(max));
    }
    if (req.getIndexOffset() < 0) {
      throw new InvalidArgumentException(
          "index_offset is too large: " + Long.toUnsignedString(req.getIndexOffset()));
    }
    Optional<WalletId> wallet = ProtoMapper.optionalWalletId(req.getWalletId());
    Optional<ChannelId> channel =
        req.getChannelId().isEmpty()
            ? Optional.empty()
            : Optional.of(channelId(req.getChannelId()));
    List<io.bttspeed.wallet.channel.ChannelTransaction> page =
        channels.history(
            caller.get(), wallet, channel, req.getIndexOffset(), max, req.getReversed());
    ListChannelTransactionsResponse.Builder b = ListChannelTransactionsResponse.newBuilder();
    page.forEach(t -> b.addTransactions(ChannelProtos.transaction(t)));
    if (!page.isEmpty()) {
      b.setFirstIndexOffset(page.get(0).index());
      b.setLastIndexOffset(page.get(page.size() - 1).index());
    }
    reply(out, b.build());
  }

  private TronAddress hub(String text) {
    TronAddress known = hubsByText.get(text);
    return known != null ? known : TronAddress.parse(text);
  }

  private static ChannelId channelId(String hex) {
    try {
      return ChannelId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "channel_id must be 64 hex digits, not " + Echo.quote(hex));
    }
  }

  private static BigInteger units(String field, String decimal) {
    BigInteger value = Amount.parseUnits(field, decimal);
    if (value.signum() == 0) {
      throw new InvalidArgumentException(field + " must be greater than zero");
    }
    return value;
  }

  private static Instant instant(String field, long unixMs) {
    if (unixMs <= 0) {
      throw new InvalidArgumentException(field + " is required: Unix epoch milliseconds");
    }
    return Instant.ofEpochMilli(unixMs);
  }

  private static String strip0x(String hex) {
    String h = hex;
    return h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h;
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
