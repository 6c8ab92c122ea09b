package io.bttspeed.wallet.api;

import io.bttspeed.proto.wallet.v1.Balance;
import io.bttspeed.proto.wallet.v1.CreateTokenRequest;
import io.bttspeed.proto.wallet.v1.CreateTokenResponse;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.CreateWalletResponse;
import io.bttspeed.proto.wallet.v1.EstimateFeeRequest;
import io.bttspeed.proto.wallet.v1.EstimateFeeResponse;
import io.bttspeed.proto.wallet.v1.ExportWalletRequest;
import io.bttspeed.proto.wallet.v1.ExportWalletResponse;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.GetBalancesResponse;
import io.bttspeed.proto.wallet.v1.GetTransferRequest;
import io.bttspeed.proto.wallet.v1.GetTransferResponse;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.GetWalletResponse;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletResponse;
import io.bttspeed.proto.wallet.v1.IncomingPayment;
import io.bttspeed.proto.wallet.v1.ListIncomingRequest;
import io.bttspeed.proto.wallet.v1.ListIncomingResponse;
import io.bttspeed.proto.wallet.v1.ListTokensRequest;
import io.bttspeed.proto.wallet.v1.ListTokensResponse;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersResponse;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsResponse;
import io.bttspeed.proto.wallet.v1.RevokeTokenRequest;
import io.bttspeed.proto.wallet.v1.RevokeTokenResponse;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.SendResponse;
import io.bttspeed.proto.wallet.v1.SubscribeIncomingRequest;
import io.bttspeed.proto.wallet.v1.SubscribeTransfersRequest;
import io.bttspeed.proto.wallet.v1.TransferEvent;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.accounts.Balances;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.incoming.Incoming;
import io.bttspeed.wallet.store.EventFeed;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.WalletRecord;
import io.bttspeed.wallet.store.WalletStore;
import io.bttspeed.wallet.tokens.Tokens;
import io.bttspeed.wallet.transfer.FeeEstimate;
import io.bttspeed.wallet.transfer.SendCommand;
import io.bttspeed.wallet.transfer.Transfers;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;

/**
 * The WalletService handler: parses requests into domain values, calls the domain, maps the answer
 * back. Errors are thrown and mapped by {@link ErrorInterceptor}; the caller is the principal set
 * by {@link AuthInterceptor}.
 */
final class WalletGrpcService extends WalletServiceGrpc.WalletServiceImplBase {

  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1_000;

  private final Wallets wallets;
  private final Balances balances;
  private final Transfers transfers;
  private final TransferStream stream;
  private final WalletPageToken pageTokens;
  private final Incoming incoming;
  private final EventFeed<io.bttspeed.wallet.incoming.IncomingPayment> incomingFeed;
  private final Tokens tokens;

  WalletGrpcService(
      Wallets wallets,
      Balances balances,
      Transfers transfers,
      TransferStream stream,
      WalletPageToken pageTokens,
      Incoming incoming,
      EventFeed<io.bttspeed.wallet.incoming.IncomingPayment> incomingFeed,
      Tokens tokens) {
    this.pageTokens = pageTokens;
    this.tokens = tokens;
    this.wallets = wallets;
    this.balances = balances;
    this.transfers = transfers;
    this.stream = stream;
    this.incoming = incoming;
    this.incomingFeed = incomingFeed;
  }

  @Override
  public void createWallet(CreateWalletRequest req, StreamObserver<CreateWalletResponse> out) {
    Wallets.Created created = wallets.create(caller(), req.getLabel(), req.getBip39Passphrase());
    reply(
        out,
        CreateWalletResponse.newBuilder()
            .setWallet(ProtoMapper.wallet(created.wallet()))
            .setMnemonic(created.mnemonic().words())
            .build());
  }

  @Override
  public void importWallet(ImportWalletRequest req, StreamObserver<ImportWalletResponse> out) {
    Principal p = caller();
    WalletRecord w =
        switch (req.getSourceCase()) {
          case MNEMONIC -> {
            ImportWalletRequest.MnemonicSource m = req.getMnemonic();
            if (m.getDerivationIndex() < 0) {
              throw new InvalidArgumentException("derivation_index must be below 2^31");
            }
            yield wallets.importMnemonic(
                p, req.getLabel(), m.getMnemonic(), m.getBip39Passphrase(), m.getDerivationIndex());
          }
          case PRIVATE_KEY_HEX ->
              wallets.importPrivateKey(p, req.getLabel(), req.getPrivateKeyHex());
          case KEYSTORE ->
              wallets.importKeystore(
                  p,
                  req.getLabel(),
                  req.getKeystore().getKeystoreJson(),
                  req.getKeystore().getPassword());
          case SOURCE_NOT_SET ->
              throw new InvalidArgumentException(
                  "set one of mnemonic, private_key_hex or keystore");
        };
    reply(out, ImportWalletResponse.newBuilder().setWallet(ProtoMapper.wallet(w)).build());
  }

  @Override
  public void listWallets(ListWalletsRequest req, StreamObserver<ListWalletsResponse> out) {
    int size = req.getPageSize() == 0 ? DEFAULT_PAGE : req.getPageSize();
    if (size < 0 || size > MAX_PAGE) {
      throw new InvalidArgumentException("page_size must be between 1 and " + MAX_PAGE);
    }
    // One more than asked tells whether another page follows without a second query.
    Principal caller = caller();
    List<WalletRecord> page =
        wallets.page(caller, pageTokens.decode(caller.id(), req.getPageToken()), size + 1);
    ListWalletsResponse.Builder b = ListWalletsResponse.newBuilder();
    page.stream().limit(size).forEach(w -> b.addWallets(ProtoMapper.wallet(w)));
    if (page.size() > size) {
      WalletRecord last = page.get(size - 1);
      b.setNextPageToken(
          pageTokens.encode(
              caller.id(), new WalletStore.WalletCursor(last.createdAtMs(), last.walletId())));
    }
    reply(out, b.build());
  }

  @Override
  public void getWallet(GetWalletRequest req, StreamObserver<GetWalletResponse> out) {
    reply(
        out,
        GetWalletResponse.newBuilder()
            .setWallet(
                ProtoMapper.wallet(wallets.get(caller(), ProtoMapper.walletId(req.getWalletId()))))
            .build());
  }

  @Override
  public void exportWallet(ExportWalletRequest req, StreamObserver<ExportWalletResponse> out) {
    reply(
        out,
        ExportWalletResponse.newBuilder()
            .setKeystoreJson(
                wallets.export(
                    caller(), ProtoMapper.walletId(req.getWalletId()), req.getPassword()))
            .build());
  }

  @Override
  public void getBalances(GetBalancesRequest req, StreamObserver<GetBalancesResponse> out) {
    WalletRecord w = wallets.get(caller(), ProtoMapper.walletId(req.getWalletId()));
    List<Asset> assets = req.getAssetsList().stream().map(ProtoMapper::asset).toList();
    GetBalancesResponse.Builder b =
        GetBalancesResponse.newBuilder().setAddress(w.address().base58());
    for (Balances.Balance balance : balances.of(w.address(), assets)) {
      b.addBalances(
          Balance.newBuilder()
              .setAsset(ProtoMapper.asset(balance.amount().asset()))
              .setAmountBaseUnits(balance.amount().units().toString())
              .setSymbol(balance.symbol())
              .setDecimals(balance.decimals()));
    }
    reply(out, b.build());
  }

  @Override
  public void estimateFee(EstimateFeeRequest req, StreamObserver<EstimateFeeResponse> out) {
    SendCommand cmd =
        command(
            req.getWalletId(),
            req.getAsset(),
            req.getToAddress(),
            req.getAmountBaseUnits(),
            "estimate",
            "",
            req.getMemo());
    FeeEstimate fee = transfers.estimate(caller(), cmd);
    reply(
        out,
        EstimateFeeResponse.newBuilder()
            .setFeeSun(Long.toString(fee.feeSun()))
            .setBandwidthBytes(fee.bandwidthBytes())
            .setEnergyUnits(fee.energyUnits())
            .setFeeLimitSun(Long.toString(fee.feeLimitSun()))
            .setCreatesAccount(fee.createsAccount())
            .build());
  }

  @Override
  public void send(SendRequest req, StreamObserver<SendResponse> out) {
    SendCommand cmd =
        command(
            req.getWalletId(),
            req.getAsset(),
            req.getToAddress(),
            req.getAmountBaseUnits(),
            req.getIdempotencyKey(),
            req.getFeeLimitSun(),
            req.getMemo());
    TransferRecord t = transfers.send(caller(), cmd);
    reply(out, SendResponse.newBuilder().setTransfer(ProtoMapper.transfer(t)).build());
  }

  @Override
  public void getTransfer(GetTransferRequest req, StreamObserver<GetTransferResponse> out) {
    reply(
        out,
        GetTransferResponse.newBuilder()
            .setTransfer(ProtoMapper.transfer(transfers.get(caller(), req.getTransferId())))
            .build());
  }

  @Override
  public void listTransfers(ListTransfersRequest req, StreamObserver<ListTransfersResponse> out) {
    int max = pageSize("max_transfers", req.getMaxTransfers());
    index("index_offset", req.getIndexOffset());
    Optional<WalletId> wallet = ProtoMapper.optionalWalletId(req.getWalletId());
    List<TransferRecord> page =
        transfers.page(caller(), wallet, req.getIndexOffset(), max, req.getReversed());
    ListTransfersResponse.Builder b = ListTransfersResponse.newBuilder();
    page.forEach(t -> b.addTransfers(ProtoMapper.transfer(t)));
    if (!page.isEmpty()) {
      b.setFirstIndexOffset(page.get(0).creationIndex());
      b.setLastIndexOffset(page.get(page.size() - 1).creationIndex());
    }
    reply(out, b.build());
  }

  @Override
  public void subscribeTransfers(SubscribeTransfersRequest req, StreamObserver<TransferEvent> out) {
    index("start_index", req.getStartIndex());
    stream.subscribe(caller(), req.getStartIndex(), (ServerCallStreamObserver<TransferEvent>) out);
  }

  @Override
  public void listIncoming(ListIncomingRequest req, StreamObserver<ListIncomingResponse> out) {
    int max = pageSize("max_payments", req.getMaxPayments());
    long offset = index("index_offset", req.getIndexOffset());
    Optional<WalletId> wallet = ProtoMapper.optionalWalletId(req.getWalletId());
    List<io.bttspeed.wallet.incoming.IncomingPayment> page =
        incoming.page(caller(), wallet, offset, max, req.getReversed());
    ListIncomingResponse.Builder b = ListIncomingResponse.newBuilder();
    page.forEach(p -> b.addPayments(ProtoMapper.incoming(p)));
    if (!page.isEmpty()) {
      b.setFirstIndexOffset(page.get(0).paymentIndex());
      b.setLastIndexOffset(page.get(page.size() - 1).paymentIndex());
    }
    reply(out, b.build());
  }

  @Override
  public void subscribeIncoming(SubscribeIncomingRequest req, StreamObserver<IncomingPayment> out) {
    long start = index("start_index", req.getStartIndex());
    FeedStreams.follow(
        incomingFeed,
        caller().id(),
        start,
        (ServerCallStreamObserver<IncomingPayment>) out,
        ProtoMapper::incoming);
  }

  @Override
  public void createToken(CreateTokenRequest req, StreamObserver<CreateTokenResponse> out) {
    PrincipalStore.CreatedToken created =
        tokens.create(caller(), req.getName(), ProtoMapper.scopes(req.getScopesList()));
    reply(
        out,
        CreateTokenResponse.newBuilder()
            .setInfo(ProtoMapper.token(created.info()))
            .setToken(created.token())
            .build());
  }

  @Override
  public void listTokens(ListTokensRequest req, StreamObserver<ListTokensResponse> out) {
    ListTokensResponse.Builder b = ListTokensResponse.newBuilder();
    tokens.list(caller()).forEach(t -> b.addTokens(ProtoMapper.token(t)));
    reply(out, b.build());
  }

  @Override
  public void revokeToken(RevokeTokenRequest req, StreamObserver<RevokeTokenResponse> out) {
    reply(
        out,
        RevokeTokenResponse.newBuilder()
            .setInfo(ProtoMapper.token(tokens.revoke(caller(), req.getTokenId())))
            .build());
  }

  /** A page size from a request: 0 means the default, else 1 to {@link #MAX_PAGE}. */
  private static int pageSize(String field, int requested) {
    int max = requested == 0 ? DEFAULT_PAGE : requested;
    if (max < 0 || max > MAX_PAGE) {
      throw new InvalidArgumentException(field + " must be between 1 and " + MAX_PAGE);
    }
    return max;
  }

  /** An index from a request's uint64 field, which Java reads as signed. */
  private static long index(String field, long value) {
    if (value < 0) {
      throw new InvalidArgumentException(field + " must be below 2^63");
    }
    return value;
  }

  private static SendCommand command(
      String walletId,
      io.bttspeed.proto.wallet.v1.Asset asset,
      String to,
      String amount,
      String key,
      String feeLimit,
      String memo) {
    return new SendCommand(
        ProtoMapper.walletId(walletId),
        TronAddress.parse(to),
        Amount.parsePositive(ProtoMapper.asset(asset), amount),
        key,
        ProtoMapper.optionalSun("fee_limit_sun", feeLimit),
        memo);
  }

  private static Principal caller() {
    return AuthInterceptor.principal();
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
