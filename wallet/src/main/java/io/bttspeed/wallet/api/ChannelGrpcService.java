package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherResponse;
import io.bttspeed.proto.channel.v1.AcceptVoucherStreamResponse;
import io.bttspeed.proto.channel.v1.ChannelEvent;
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
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
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
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.time.Instant;
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
                    ChannelRequests.units("deposit_base_units", req.getDepositBaseUnits())),
                ChannelRequests.instant("expires_at_unix_ms", req.getExpiresAtUnixMs()),
                req.getIdempotencyKey());
    reply(out, ChannelProtos.opened(opened));
  }

  @Override
  public void topUpChannel(TopUpChannelRequest req, StreamObserver<ChannelResponse> out) {
    ChannelRef ref = req.getChannel();
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    BigInteger amount = ChannelRequests.units("amount_base_units", req.getAmountBaseUnits());
    reply(
        out,
        ChannelProtos.changed(
            channels
                .payer()
                .topUp(
                    caller.get(),
                    walletId,
                    ChannelRequests.channelId(ref.getChannelId()),
                    amount,
                    req.getIdempotencyKey())));
  }

  @Override
  public void extendChannel(ExtendChannelRequest req, StreamObserver<ChannelResponse> out) {
    ChannelRef ref = req.getChannel();
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    Instant expiresAt = ChannelRequests.instant("expires_at_unix_ms", req.getExpiresAtUnixMs());
    reply(
        out,
        ChannelProtos.changed(
            channels
                .payer()
                .extend(
                    caller.get(),
                    walletId,
                    ChannelRequests.channelId(ref.getChannelId()),
                    expiresAt)));
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
    ChannelId id = ChannelRequests.channelId(ref.getChannelId());
    PayerChannels.Payment p =
        byIncrement
            ? channels
                .payer()
                .pay(
                    caller.get(),
                    walletId,
                    id,
                    ChannelRequests.units("increment_base_units", req.getIncrementBaseUnits()))
            : channels
                .payer()
                .payUpTo(
                    caller.get(),
                    walletId,
                    id,
                    ChannelRequests.units("cumulative_base_units", req.getCumulativeBaseUnits()));
    reply(out, ChannelProtos.payment(p));
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
          answer.setRefused(ChannelProtos.refusal(e));
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
    ChannelId id = ChannelRequests.channelId(v.getChannelId());
    byte[] signature = ChannelRequests.signature(id, v.getSignatureHex());
    PayeeChannels.Accepted accepted =
        channels
            .payee()
            .accept(
                principal,
                walletId,
                new PayeeChannels.IncomingVoucher(
                    hub(v.getHubAddress()),
                    id,
                    ChannelRequests.units("cumulative_base_units", v.getCumulativeBaseUnits()),
                    signature));
    return ChannelProtos.accepted(accepted);
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
        ChannelProtos.changed(
            action.apply(caller.get(), walletId, ChannelRequests.channelId(ref.getChannelId()))));
  }

  @Override
  public void getChannel(ChannelRef ref, StreamObserver<ChannelResponse> out) {
    WalletId walletId = ProtoMapper.walletId(ref.getWalletId());
    ChannelId id = ChannelRequests.channelId(ref.getChannelId());
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
    Optional<ChannelRole> role = ChannelRequests.role(req.getRole());
    Optional<ChannelStatus> status = ChannelRequests.status(req.getState());
    Optional<TronAddress> counterparty =
        req.getCounterpartyAddress().isBlank()
            ? Optional.empty()
            : Optional.of(TronAddress.parse(req.getCounterpartyAddress()));
    reply(
        out,
        ChannelProtos.channels(
            channels.store().list(caller.get().id(), role, status, counterparty)));
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
        ChannelProtos::event);
  }

  @Override
  public void inspectChannel(
      InspectChannelRequest req, StreamObserver<InspectChannelResponse> out) {
    WalletId walletId = ProtoMapper.walletId(req.getWalletId());
    ChannelId id = ChannelRequests.channelId(req.getChannelId());
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
    reply(
        out,
        ChannelProtos.chainInfo(channels.chainTime(), channels.expiryMargin(), channels.hubs()));
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
                        ChannelRequests.units(
                            "open.deposit_base_units", open.getDepositBaseUnits())),
                    ChannelRequests.instant("open.expires_at_unix_ms", open.getExpiresAtUnixMs()));
          }
          case SETTLE_CHANNEL_ID ->
              List.of(
                  channels
                      .payee()
                      .estimateSettle(
                          principal,
                          walletId,
                          ChannelRequests.channelId(req.getSettleChannelId())));
          case CLOSE_CHANNEL_ID ->
              List.of(
                  channels
                      .payee()
                      .estimateClose(
                          principal, walletId, ChannelRequests.channelId(req.getCloseChannelId())));
          case ACTION_NOT_SET ->
              throw new InvalidArgumentException(
                  "set one of open, settle_channel_id and close_channel_id: the action to estimate");
        };
    reply(out, ChannelProtos.feeEstimate(estimates));
  }

  @Override
  public void listChannelTransactions(
      ListChannelTransactionsRequest req, StreamObserver<ListChannelTransactionsResponse> out) {
    int max = ChannelRequests.maxTransactions(req.getMaxTransactions());
    ChannelRequests.indexOffset(req.getIndexOffset());
    Optional<WalletId> wallet = ProtoMapper.optionalWalletId(req.getWalletId());
    Optional<ChannelId> channel =
        req.getChannelId().isEmpty()
            ? Optional.empty()
            : Optional.of(ChannelRequests.channelId(req.getChannelId()));
    List<io.bttspeed.wallet.channel.ChannelTransaction> page =
        channels.history(
            caller.get(), wallet, channel, req.getIndexOffset(), max, req.getReversed());
    reply(out, ChannelProtos.transactions(page));
  }

  private TronAddress hub(String text) {
    TronAddress known = hubsByText.get(text);
    return known != null ? known : TronAddress.parse(text);
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
