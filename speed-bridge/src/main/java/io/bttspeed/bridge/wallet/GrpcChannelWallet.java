package io.bttspeed.bridge.wallet;

import io.bttspeed.bridge.wallet.ChannelWalletException.Reason;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.GetChainInfoRequest;
import io.bttspeed.proto.channel.v1.GetChainInfoResponse;
import io.bttspeed.proto.channel.v1.InspectChannelRequest;
import io.bttspeed.proto.channel.v1.InspectChannelResponse;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.PayResponse;
import io.bttspeed.proto.channel.v1.TopUpChannelRequest;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.api.ProtoMapper;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link ChannelWallet} over a wallet service's gRPC API, as one principal (its bearer token) and
 * one of its wallets. Every unary call carries a deadline; vouchers travel on one long-lived {@link
 * VoucherStream}. The wallet's address, chain id and hubs are read once, at {@link #connect}.
 */
public final class GrpcChannelWallet implements ChannelWallet, AutoCloseable {

  /**
   * How this daemon's channels are made.
   *
   * @param callDeadline the deadline of each unary call, and of each voucher on the stream; an open
   *     or top-up waits for a block, so it needs more than a read
   * @param channelLifetime how long a new channel lives before its payer may reclaim it
   * @param minimumLife a channel expiring sooner than this beyond the wallet's margin is not reused
   */
  public record Settings(Duration callDeadline, Duration channelLifetime, Duration minimumLife) {
    public static final Settings DEFAULTS =
        new Settings(Duration.ofSeconds(90), Duration.ofDays(7), Duration.ofHours(1));

    public Settings {
      if (callDeadline.isNegative() || callDeadline.isZero()) {
        throw new IllegalArgumentException("the call deadline must be positive");
      }
      if (minimumLife.isNegative() || channelLifetime.compareTo(minimumLife.plusHours(1)) < 0) {
        throw new IllegalArgumentException(
            "a channel must live at least an hour beyond its minimum life");
      }
    }
  }

  private final ManagedChannel connection;
  private final boolean ownsConnection;
  private final String walletId;
  private final Settings settings;
  private final WalletServiceGrpc.WalletServiceBlockingStub wallets;
  private final ChannelServiceGrpc.ChannelServiceBlockingStub channels;
  private final TronAddress address;
  private final long chainId;
  private final Duration expiryMargin;
  private final Map<Asset, TronAddress> hubs;
  private final Map<TronAddress, Asset> assetsByHub;
  private final PayeeChecks payee;
  private final VoucherStream stream;

  private GrpcChannelWallet(
      ManagedChannel connection,
      boolean ownsConnection,
      String token,
      String walletId,
      Settings settings) {
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    this.walletId = walletId;
    this.settings = settings;
    CallCredentials bearer = new BearerToken(token);
    this.wallets = WalletServiceGrpc.newBlockingStub(connection).withCallCredentials(bearer);
    this.channels = ChannelServiceGrpc.newBlockingStub(connection).withCallCredentials(bearer);
    this.address =
        TronAddress.parse(
            call(
                    "reading wallet " + walletId,
                    () ->
                        deadline(wallets)
                            .getWallet(GetWalletRequest.newBuilder().setWalletId(walletId).build()))
                .getWallet()
                .getAddress());
    GetChainInfoResponse info =
        call(
            "reading the wallet's chain",
            () -> deadline(channels).getChainInfo(GetChainInfoRequest.getDefaultInstance()));
    this.chainId = info.getChainId();
    this.expiryMargin = Duration.ofMillis(info.getExpiryMarginMs());
    Map<Asset, TronAddress> byAsset = new LinkedHashMap<>();
    Map<TronAddress, Asset> byHub = new LinkedHashMap<>();
    info.getHubsList()
        .forEach(
            h -> {
              Asset asset = ProtoMapper.asset(h.getAsset());
              TronAddress hub = TronAddress.parse(h.getHubAddress());
              byAsset.put(asset, hub);
              byHub.put(hub, asset);
            });
    this.hubs = Map.copyOf(byAsset);
    this.assetsByHub = Map.copyOf(byHub);
    this.payee = new PayeeChecks(address, chainId, expiryMargin, assetsByHub);
    this.stream =
        new VoucherStream(
            ChannelServiceGrpc.newStub(connection).withCallCredentials(bearer),
            walletId,
            settings.callDeadline());
  }

  /**
   * Connects as the principal of {@code token} to its wallet {@code walletId} over {@code
   * connection}, which the wallet closes with itself when {@code owns}. Fails (UNAVAILABLE,
   * BAD_CHANNEL for a wallet that is not the token's) if the wallet cannot be read.
   */
  public static GrpcChannelWallet connect(
      ManagedChannel connection, boolean owns, String token, String walletId, Settings settings) {
    return new GrpcChannelWallet(connection, owns, token, walletId, settings);
  }

  @Override
  public TronAddress address() {
    return address;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public Map<Asset, TronAddress> hubs() {
    return hubs;
  }

  public String walletId() {
    return walletId;
  }

  /**
   * Reads the channel from the chain through the wallet and holds it to what a payee needs: paying
   * this wallet, open, on one of this wallet's hubs holding that hub's asset, on this chain, and
   * living beyond the wallet's expiry margin.
   */
  @Override
  public ChannelView verify(ChannelId channel) {
    String what = "channel " + channel.hex();
    InspectChannelResponse seen =
        call(
            what,
            () ->
                deadline(channels)
                    .inspectChannel(
                        InspectChannelRequest.newBuilder()
                            .setWalletId(walletId)
                            .setChannelId(channel.hex())
                            .build()));
    return payee.view(channel, what, seen);
  }

  /**
   * Reuses this wallet's open channel to {@code payee} in {@code asset} with the most left (topping
   * it up to {@code deposit} left when it has less than {@code minRemaining}), or opens one. The
   * idempotency keys are derived from what the wallet already shows, so a retry of an open or
   * top-up that may still land asks for the same one again and never locks a second deposit: the
   * open's from how many channels to the payee exist besides one being opened, and its expiry from
   * the chain's hour; the top-up's from the deposit before it. While an open is not on chain yet,
   * no second one is made (UNAVAILABLE: retry later).
   */
  @Override
  public ChannelView ensureChannel(
      TronAddress payee, Asset asset, Amount minRemaining, Amount deposit) {
    TronAddress hub = hubs.get(asset);
    if (hub == null) {
      throw refuse(
          Reason.BAD_CHANNEL,
          "paying " + payee,
          "this wallet has no channel contract for " + asset.key());
    }
    if (!minRemaining.asset().equals(asset)
        || !deposit.asset().equals(asset)
        || deposit.units().compareTo(minRemaining.units()) < 0
        || deposit.units().signum() <= 0) {
      throw new IllegalArgumentException(
          "the deposit must be positive, in "
              + asset.key()
              + ", and at least the minimum remaining");
    }
    String what = "a channel to " + payee + " in " + asset.key();
    GetChainInfoResponse info =
        call(what, () -> deadline(channels).getChainInfo(GetChainInfoRequest.getDefaultInstance()));
    Instant chainTime = Instant.ofEpochMilli(info.getChainTimeUnixMs());
    List<Channel> mine =
        call(
                what,
                () ->
                    deadline(channels)
                        .listChannels(
                            ListChannelsRequest.newBuilder()
                                .setRole(ChannelRole.CHANNEL_ROLE_PAYER)
                                .setCounterpartyAddress(payee.base58())
                                .build()))
            .getChannelsList()
            .stream()
            .filter(c -> c.getWalletId().equals(walletId) && c.getHubAddress().equals(hub.base58()))
            .toList();
    Instant usableUntil = chainTime.plus(expiryMargin).plus(settings.minimumLife());
    Optional<Channel> usable =
        mine.stream()
            .filter(c -> c.getState() == ChannelState.CHANNEL_STATE_OPEN)
            .filter(c -> Instant.ofEpochMilli(c.getExpiresAtUnixMs()).isAfter(usableUntil))
            .max(Comparator.comparing(GrpcChannelWallet::remaining));
    if (usable.isPresent()) {
      Channel c = usable.get();
      BigInteger left = remaining(c);
      if (left.compareTo(minRemaining.units()) >= 0) {
        return view(c, asset);
      }
      BigInteger amount = deposit.units().subtract(left);
      String key =
          IdempotencyKeys.of(
              "topup", walletId, c.getChannelId(), c.getDepositBaseUnits(), amount.toString());
      Channel toppedUp =
          call(
                  what,
                  () ->
                      deadline(channels)
                          .topUpChannel(
                              TopUpChannelRequest.newBuilder()
                                  .setChannel(
                                      ChannelRef.newBuilder()
                                          .setWalletId(walletId)
                                          .setChannelId(c.getChannelId()))
                                  .setAmountBaseUnits(amount.toString())
                                  .setIdempotencyKey(key)
                                  .build()))
              .getChannel();
      return view(toppedUp, asset);
    }
    if (mine.stream().anyMatch(c -> c.getState() == ChannelState.CHANNEL_STATE_OPENING)) {
      throw refuse(Reason.UNAVAILABLE, what, "an open of one is not on chain yet; retry later");
    }
    long others = mine.size();
    Instant expiresAt =
        chainTime
            .plus(settings.channelLifetime())
            .truncatedTo(ChronoUnit.HOURS)
            .plus(Duration.ofHours(1));
    String key =
        IdempotencyKeys.of(
            "open",
            walletId,
            payee.base58(),
            hub.base58(),
            Long.toString(others),
            deposit.units().toString(),
            Long.toString(expiresAt.toEpochMilli()));
    Channel opened =
        call(
                what,
                () ->
                    deadline(channels)
                        .openChannel(
                            OpenChannelRequest.newBuilder()
                                .setWalletId(walletId)
                                .setPayeeAddress(payee.base58())
                                .setAsset(ProtoMapper.asset(asset))
                                .setDepositBaseUnits(deposit.units().toString())
                                .setExpiresAtUnixMs(expiresAt.toEpochMilli())
                                .setIdempotencyKey(key)
                                .build()))
            .getChannel();
    return view(opened, asset);
  }

  @Override
  public SignedVoucher payUpTo(ChannelId channel, Amount cumulative) {
    PayResponse paid =
        call(
            "paying on channel " + channel.hex(),
            () ->
                deadline(channels)
                    .pay(
                        PayRequest.newBuilder()
                            .setChannel(
                                ChannelRef.newBuilder()
                                    .setWalletId(walletId)
                                    .setChannelId(channel.hex()))
                            .setCumulativeBaseUnits(cumulative.units().toString())
                            .build()));
    TronAddress hub = TronAddress.parse(paid.getVoucher().getHubAddress());
    Asset asset = assetsByHub.getOrDefault(hub, cumulative.asset());
    return new SignedVoucher(
        channel,
        hub,
        new Amount(asset, new BigInteger(paid.getVoucher().getCumulativeBaseUnits())),
        HexFormat.of().parseHex(paid.getVoucher().getSignatureHex()));
  }

  @Override
  public CompletableFuture<Amount> accept(SignedVoucher voucher) {
    return stream.accept(voucher);
  }

  @Override
  public void close() {
    stream.close();
    if (ownsConnection) {
      connection.shutdownNow();
      try {
        connection.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private ChannelView view(Channel c, Asset asset) {
    return new ChannelView(
        ChannelId.fromHex(c.getChannelId()),
        TronAddress.parse(c.getHubAddress()),
        TronAddress.parse(c.getPayerAddress()),
        TronAddress.parse(c.getPayeeAddress()),
        new Amount(asset, new BigInteger(c.getDepositBaseUnits())),
        new Amount(asset, new BigInteger(c.getCumulativeBaseUnits())),
        Instant.ofEpochMilli(c.getExpiresAtUnixMs()));
  }

  private static BigInteger remaining(Channel c) {
    return new BigInteger(c.getDepositBaseUnits())
        .subtract(new BigInteger(c.getCumulativeBaseUnits()));
  }

  private <S extends io.grpc.stub.AbstractStub<S>> S deadline(S stub) {
    return stub.withDeadlineAfter(settings.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw WalletStatus.of(what, e);
    }
  }

  static ChannelWalletException refuse(Reason reason, String what, String why) {
    return new ChannelWalletException(reason, what + ": " + why);
  }
}
