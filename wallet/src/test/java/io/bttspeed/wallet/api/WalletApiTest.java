package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.Balance;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.CreateWalletResponse;
import io.bttspeed.proto.wallet.v1.EstimateFeeRequest;
import io.bttspeed.proto.wallet.v1.EstimateFeeResponse;
import io.bttspeed.proto.wallet.v1.ExportWalletRequest;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.GetTransferRequest;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListIncomingRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersResponse;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsResponse;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.SubscribeTransfersRequest;
import io.bttspeed.proto.wallet.v1.Transfer;
import io.bttspeed.proto.wallet.v1.TransferEvent;
import io.bttspeed.proto.wallet.v1.TransferStatus;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletOrigin;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc.WalletServiceBlockingStub;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletApiTest {

  private static final Asset TRX =
      Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build();
  private static final Asset BTT10 = Asset.newBuilder().setTrc10TokenId("1002000").build();

  @TempDir static Path dir;
  private WalletFixture fx;
  private WalletServiceBlockingStub alice;
  private WalletServiceBlockingStub bob;
  private Wallet funded;

  /**
   * Where the wallet keeps its state: an in-memory H2 here; subclasses run every case on other
   * databases.
   */
  protected WalletFixture newFixture(Path dataDir) {
    return new WalletFixture(dataDir);
  }

  @BeforeAll
  void start() {
    fx = newFixture(dir);
    alice = fx.client("alice", Scope.ADMIN);
    bob = fx.client("bob", Scope.ADMIN);
    DevelopmentAccount dev = fx.devAccounts().get(1);
    funded =
        alice
            .importWallet(
                ImportWalletRequest.newBuilder()
                    .setLabel("dev1")
                    .setPrivateKeyHex(dev.privateKeyHex())
                    .build())
            .getWallet();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void listWalletsPagesThroughEveryWalletOnceInCreationOrder() {
    WalletServiceBlockingStub carol = fx.client("carol", Scope.ADMIN);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      byte[] key = new byte[32];
      new java.security.SecureRandom().nextBytes(key);
      created.add(
          carol
              .importWallet(
                  ImportWalletRequest.newBuilder()
                      .setLabel("w" + i)
                      .setPrivateKeyHex(java.util.HexFormat.of().formatHex(key))
                      .build())
              .getWallet()
              .getWalletId());
    }
    List<String> listed = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = "";
    do {
      ListWalletsResponse page =
          carol.listWallets(
              ListWalletsRequest.newBuilder().setPageSize(3).setPageToken(token).build());
      page.getWalletsList().forEach(w -> listed.add(w.getWalletId()));
      sizes.add(page.getWalletsCount());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertEquals(List.of(3, 3, 1), sizes);
    List<String> byCreation =
        carol.listWallets(ListWalletsRequest.getDefaultInstance()).getWalletsList().stream()
            .map(Wallet::getWalletId)
            .toList();
    assertEquals(byCreation, listed);
    assertEquals(Set.copyOf(created), Set.copyOf(listed));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            carol.listWallets(ListWalletsRequest.newBuilder().setPageToken("not-a-token").build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> carol.listWallets(ListWalletsRequest.newBuilder().setPageSize(1_001).build()));
  }

  @Test
  void createdMnemonicImportsBackToTheSameAddress() {
    CreateWalletResponse created =
        alice.createWallet(CreateWalletRequest.newBuilder().setLabel("new").build());
    assertEquals(12, created.getMnemonic().split(" ").length);
    assertEquals(WalletOrigin.WALLET_ORIGIN_CREATED, created.getWallet().getOrigin());
    Wallet imported =
        bob.importWallet(
                ImportWalletRequest.newBuilder()
                    .setMnemonic(
                        ImportWalletRequest.MnemonicSource.newBuilder()
                            .setMnemonic(created.getMnemonic()))
                    .build())
            .getWallet();
    assertEquals(created.getWallet().getAddress(), imported.getAddress());
    assertEquals(
        created.getWallet(),
        alice
            .getWallet(
                GetWalletRequest.newBuilder()
                    .setWalletId(created.getWallet().getWalletId())
                    .build())
            .getWallet());
    assertTrue(
        alice
            .listWallets(ListWalletsRequest.getDefaultInstance())
            .getWalletsList()
            .contains(created.getWallet()));
    assertCode(
        Status.Code.ALREADY_EXISTS,
        () ->
            alice.importWallet(
                ImportWalletRequest.newBuilder()
                    .setMnemonic(
                        ImportWalletRequest.MnemonicSource.newBuilder()
                            .setMnemonic(created.getMnemonic()))
                    .build()));
  }

  @Test
  void mnemonicImportFollowsTronLinkDerivation() {
    // /work/shared/tron-vectors.md: the "abandon ... about" mnemonic at m/44'/195'/0'/0/0.
    Wallet w =
        fx.client("carol", Scope.SPEND)
            .importWallet(
                ImportWalletRequest.newBuilder()
                    .setMnemonic(
                        ImportWalletRequest.MnemonicSource.newBuilder()
                            .setMnemonic(
                                "abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                                    + " abandon abandon about"))
                    .build())
            .getWallet();
    assertEquals("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH", w.getAddress());
    assertEquals("41c8599111f29c1e1e061265b4af93ea1f274ad78a", w.getAddressHex());
  }

  @Test
  void exportedKeystoreImportsBackAndWrongPasswordOrMalformedJsonIsRejected() {
    String json =
        alice
            .exportWallet(
                ExportWalletRequest.newBuilder()
                    .setWalletId(funded.getWalletId())
                    .setPassword("export-pass")
                    .build())
            .getKeystoreJson();
    assertTrue(json.contains("\"kdf\":\"scrypt\""));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            bob.importWallet(
                ImportWalletRequest.newBuilder()
                    .setKeystore(
                        ImportWalletRequest.KeystoreSource.newBuilder()
                            .setKeystoreJson(json)
                            .setPassword("wrong-pass"))
                    .build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            bob.importWallet(
                ImportWalletRequest.newBuilder()
                    .setKeystore(
                        ImportWalletRequest.KeystoreSource.newBuilder()
                            .setKeystoreJson("{\"version\":3}")
                            .setPassword("x"))
                    .build()));
    Wallet back =
        bob.importWallet(
                ImportWalletRequest.newBuilder()
                    .setKeystore(
                        ImportWalletRequest.KeystoreSource.newBuilder()
                            .setKeystoreJson(json)
                            .setPassword("export-pass"))
                    .build())
            .getWallet();
    assertEquals(funded.getAddress(), back.getAddress());
    assertEquals(WalletOrigin.WALLET_ORIGIN_KEYSTORE, back.getOrigin());
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            alice.exportWallet(
                ExportWalletRequest.newBuilder()
                    .setWalletId(funded.getWalletId())
                    .setPassword("short")
                    .build()));
  }

  @Test
  void tokensAreCheckedForPresenceAndScopeAndWalletsAreInvisibleToOthers() {
    assertCode(
        Status.Code.UNAUTHENTICATED,
        () -> fx.anonymous().listWallets(ListWalletsRequest.getDefaultInstance()));
    assertCode(
        Status.Code.UNAUTHENTICATED,
        () ->
            fx.withToken("btts_not-a-token").listWallets(ListWalletsRequest.getDefaultInstance()));
    WalletServiceBlockingStub reader = fx.client("alice", Scope.READ);
    assertFalse(
        reader.listWallets(ListWalletsRequest.getDefaultInstance()).getWalletsList().isEmpty());
    assertCode(Status.Code.PERMISSION_DENIED, () -> reader.send(trx(funded, "1", "read-only-key")));
    assertCode(
        Status.Code.PERMISSION_DENIED,
        () -> reader.createWallet(CreateWalletRequest.getDefaultInstance()));
    WalletServiceBlockingStub spender = fx.client("alice", Scope.SPEND);
    assertCode(
        Status.Code.PERMISSION_DENIED,
        () ->
            spender.exportWallet(
                ExportWalletRequest.newBuilder()
                    .setWalletId(funded.getWalletId())
                    .setPassword("export-pass")
                    .build()));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            bob.getWallet(GetWalletRequest.newBuilder().setWalletId(funded.getWalletId()).build()));
    assertCode(Status.Code.NOT_FOUND, () -> bob.send(trx(funded, "1", "steal")));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            bob.getBalances(
                GetBalancesRequest.newBuilder().setWalletId(funded.getWalletId()).build()));
    assertTrue(
        bob.listWallets(ListWalletsRequest.getDefaultInstance()).getWalletsList().stream()
            .noneMatch(w -> w.getWalletId().equals(funded.getWalletId())));
  }

  /**
   * A wallet id is parsed before anything is looked up: any spelling but the canonical one is
   * INVALID_ARGUMENT for every caller, whether or not a wallet has that id in another spelling, and
   * changes nothing; a well-formed id the caller does not own is NOT_FOUND, as a missing one.
   */
  @Test
  void aMalformedWalletIdIsInvalidArgumentAndChangesNothing() {
    Wallet bobs =
        bob.createWallet(CreateWalletRequest.newBuilder().setLabel("bobs").build()).getWallet();
    int walletsBefore = walletCount(alice);
    int transfersBefore = transferCount(alice);
    String own = funded.getWalletId();
    List<String> malformed =
        List.of(
            "nope",
            own.toUpperCase(Locale.ROOT),
            bobs.getWalletId().toUpperCase(Locale.ROOT),
            own.replace("-", ""),
            " " + own.substring(1),
            "{" + own + "}");
    for (String id : malformed) {
      List<Executable> calls =
          List.of(
              () -> alice.getWallet(GetWalletRequest.newBuilder().setWalletId(id).build()),
              () -> alice.getBalances(GetBalancesRequest.newBuilder().setWalletId(id).build()),
              () ->
                  alice.exportWallet(
                      ExportWalletRequest.newBuilder()
                          .setWalletId(id)
                          .setPassword("export-pass")
                          .build()),
              () -> alice.estimateFee(estimate(id)),
              () -> alice.send(trx(id, "1", "malformed-" + id)),
              () -> alice.listTransfers(ListTransfersRequest.newBuilder().setWalletId(id).build()),
              () -> alice.listIncoming(ListIncomingRequest.newBuilder().setWalletId(id).build()));
      for (Executable call : calls) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), id);
        assertTrue(e.getStatus().getDescription().contains("wallet_id"), id);
      }
    }
    assertEquals(walletsBefore, walletCount(alice));
    assertEquals(transfersBefore, transferCount(alice));

    String unknown = UUID.randomUUID().toString();
    assertCode(
        Status.Code.NOT_FOUND,
        () -> alice.getWallet(GetWalletRequest.newBuilder().setWalletId(unknown).build()));
    assertCode(Status.Code.NOT_FOUND, () -> alice.send(trx(unknown, "1", "unknown-wallet")));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            alice.getWallet(GetWalletRequest.newBuilder().setWalletId(bobs.getWalletId()).build()));
    assertCode(
        Status.Code.NOT_FOUND, () -> alice.send(trx(bobs.getWalletId(), "1", "bobs-wallet")));
    assertEquals(transfersBefore, transferCount(alice));
  }

  @Test
  void trxSendConfirmsAndBalancesReconcileExactly() {
    Wallet target =
        alice.createWallet(CreateWalletRequest.newBuilder().setLabel("target").build()).getWallet();
    BigInteger before = balance(alice, funded, TRX);
    EstimateFeeResponse estimate =
        alice.estimateFee(
            EstimateFeeRequest.newBuilder()
                .setWalletId(funded.getWalletId())
                .setAsset(TRX)
                .setToAddress(target.getAddress())
                .setAmountBaseUnits("2500000")
                .build());
    assertTrue(estimate.getCreatesAccount());
    assertTrue(Long.parseLong(estimate.getFeeSun()) > 0);
    Transfer sent = alice.send(trx(funded, target.getAddress(), "2500000", "trx-1")).getTransfer();
    assertEquals(64, sent.getTxid().length());
    Transfer done = WalletFixture.awaitFinal(alice, sent.getTransferId());
    assertEquals(
        TransferStatus.TRANSFER_STATUS_CONFIRMED, done.getStatus(), done.getFailureReason());
    assertTrue(done.getBlockNumber() > 0);
    assertEquals(new BigInteger("2500000"), balance(alice, target, TRX));
    BigInteger fee = new BigInteger(done.getFeeSun());
    assertEquals(
        before.subtract(new BigInteger("2500000")).subtract(fee), balance(alice, funded, TRX));
    assertEquals(estimate.getFeeSun(), done.getFeeSun());
  }

  @Test
  void theEstimateOfASendWithAMemoIncludesTheMemoFeeItBurns() {
    Wallet target =
        alice.createWallet(CreateWalletRequest.newBuilder().setLabel("memo").build()).getWallet();
    alice.send(trx(funded, target.getAddress(), "1000000", "memo-setup"));
    EstimateFeeRequest.Builder request =
        EstimateFeeRequest.newBuilder()
            .setWalletId(funded.getWalletId())
            .setAsset(TRX)
            .setToAddress(target.getAddress())
            .setAmountBaseUnits("1000");
    long plain = Long.parseLong(alice.estimateFee(request.build()).getFeeSun());
    EstimateFeeResponse withMemo = alice.estimateFee(request.setMemo("for seeding").build());
    assertTrue(Long.parseLong(withMemo.getFeeSun()) > plain, withMemo.toString());
    Transfer sent =
        alice
            .send(
                SendRequest.newBuilder()
                    .setWalletId(funded.getWalletId())
                    .setAsset(TRX)
                    .setToAddress(target.getAddress())
                    .setAmountBaseUnits("1000")
                    .setIdempotencyKey("memo-1")
                    .setMemo("for seeding")
                    .build())
            .getTransfer();
    Transfer done = WalletFixture.awaitFinal(alice, sent.getTransferId());
    assertEquals(
        TransferStatus.TRANSFER_STATUS_CONFIRMED, done.getStatus(), done.getFailureReason());
    assertEquals(withMemo.getFeeSun(), done.getFeeSun());
  }

  @Test
  void trc10BttSendConfirms() {
    Wallet target =
        alice.createWallet(CreateWalletRequest.newBuilder().setLabel("btt").build()).getWallet();
    BigInteger before = balance(alice, funded, BTT10);
    assertTrue(before.signum() > 0);
    Transfer sent =
        alice
            .send(
                SendRequest.newBuilder()
                    .setWalletId(funded.getWalletId())
                    .setAsset(BTT10)
                    .setToAddress(target.getAddressHex())
                    .setAmountBaseUnits("1234567")
                    .setIdempotencyKey("btt-1")
                    .setMemo("for seeding")
                    .build())
            .getTransfer();
    Transfer done = WalletFixture.awaitFinal(alice, sent.getTransferId());
    assertEquals(
        TransferStatus.TRANSFER_STATUS_CONFIRMED, done.getStatus(), done.getFailureReason());
    assertEquals(new BigInteger("1234567"), balance(alice, target, BTT10));
    assertEquals(before.subtract(new BigInteger("1234567")), balance(alice, funded, BTT10));
    assertEquals("for seeding", done.getMemo());
  }

  @Test
  void trc20BttSendSetsAFeeLimitFromTheEnergyEstimateAndConfirms() {
    Asset btt20 =
        Asset.newBuilder()
            .setTrc20ContractAddress(fx.app.devnet().orElseThrow().bttTokenAddress())
            .build();
    Wallet target =
        alice.createWallet(CreateWalletRequest.newBuilder().setLabel("btt20").build()).getWallet();
    BigInteger tokensBefore = balance(alice, funded, btt20);
    BigInteger trxBefore = balance(alice, funded, TRX);
    assertTrue(tokensBefore.signum() > 0);
    String amount = "1500000000000000000";
    EstimateFeeResponse estimate =
        alice.estimateFee(
            EstimateFeeRequest.newBuilder()
                .setWalletId(funded.getWalletId())
                .setAsset(btt20)
                .setToAddress(target.getAddress())
                .setAmountBaseUnits(amount)
                .build());
    assertTrue(estimate.getEnergyUnits() > 0);
    assertTrue(
        Long.parseLong(estimate.getFeeLimitSun()) > Long.parseLong(estimate.getFeeSun()) / 2);
    Transfer sent =
        alice
            .send(
                SendRequest.newBuilder()
                    .setWalletId(funded.getWalletId())
                    .setAsset(btt20)
                    .setToAddress(target.getAddress())
                    .setAmountBaseUnits(amount)
                    .setIdempotencyKey("btt20-1")
                    .build())
            .getTransfer();
    assertEquals(estimate.getFeeLimitSun(), sent.getFeeLimitSun());
    Transfer done = WalletFixture.awaitFinal(alice, sent.getTransferId());
    assertEquals(
        TransferStatus.TRANSFER_STATUS_CONFIRMED, done.getStatus(), done.getFailureReason());
    assertEquals(new BigInteger(amount), balance(alice, target, btt20));
    assertEquals(tokensBefore.subtract(new BigInteger(amount)), balance(alice, funded, btt20));
    assertEquals(trxBefore.subtract(new BigInteger(done.getFeeSun())), balance(alice, funded, TRX));
    assertTrue(
        alice
            .getBalances(GetBalancesRequest.newBuilder().setWalletId(target.getWalletId()).build())
            .getBalancesList()
            .stream()
            .anyMatch(b -> b.getSymbol().equals("BTT") && b.getDecimals() == 18));
  }

  @Test
  void trc20SendBeyondTheTokenBalanceIsRefusedWithTheShortfall() {
    Asset btt20 =
        Asset.newBuilder()
            .setTrc20ContractAddress(fx.app.devnet().orElseThrow().bttTokenAddress())
            .build();
    BigInteger have = balance(alice, funded, btt20);
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                alice.send(
                    SendRequest.newBuilder()
                        .setWalletId(funded.getWalletId())
                        .setAsset(btt20)
                        .setToAddress(fx.devAccounts().get(2).address())
                        .setAmountBaseUnits(have.add(BigInteger.TEN).toString())
                        .setIdempotencyKey("btt20-too-much")
                        .build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertEquals("10", e.getTrailers().get(ErrorMapping.SHORTFALL));
  }

  @Test
  void invalidSendsAreRejectedWithActionableCodes() {
    String to = fx.devAccounts().get(2).address();
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> alice.send(trx(funded, "TXYZnotAnAddress", "1", "bad-addr")));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> alice.send(trx(funded, to, "-5", "neg")));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> alice.send(trx(funded, to, "0", "zero")));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> alice.send(trx(funded, to, "1.5", "frac")));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> alice.send(trx(funded, to, "9223372036854775808", "overflow")));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> alice.send(trx(funded, to, "1", "")));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> alice.send(trc10(funded, "1000999", to, "unknown-asset")));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> alice.send(trc10(funded, "1002001", to, "unconfigured-asset")));
    StatusRuntimeException poor =
        assertThrows(
            StatusRuntimeException.class,
            () -> alice.send(trx(funded, to, "9000000000000000000", "too-much")));
    assertEquals(Status.Code.FAILED_PRECONDITION, poor.getStatus().getCode());
    assertTrue(
        poor.getStatus().getDescription().contains("short by"), poor.getStatus().getDescription());
    String shortfall = poor.getTrailers().get(ErrorMapping.SHORTFALL);
    assertTrue(new BigInteger(shortfall).signum() > 0);
    assertCode(
        Status.Code.NOT_FOUND,
        () -> alice.getTransfer(GetTransferRequest.newBuilder().setTransferId("nope").build()));
  }

  @Test
  void concurrentRetriesWithOneKeyMakeOneTransaction() throws Exception {
    Wallet target =
        alice.createWallet(CreateWalletRequest.newBuilder().setLabel("idem").build()).getWallet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Transfer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            () ->
                alice.send(trx(funded, target.getAddress(), "1000000", "same-key")).getTransfer());
      }
      Set<String> ids = new HashSet<>();
      Set<String> txids = new HashSet<>();
      for (Future<Transfer> f : pool.invokeAll(calls)) {
        ids.add(f.get().getTransferId());
        txids.add(f.get().getTxid());
      }
      assertEquals(1, ids.size());
      assertEquals(1, txids.size());
      Transfer done = WalletFixture.awaitFinal(alice, ids.iterator().next());
      assertEquals(TransferStatus.TRANSFER_STATUS_CONFIRMED, done.getStatus());
      assertEquals(new BigInteger("1000000"), balance(alice, target, TRX));
      assertCode(
          Status.Code.ALREADY_EXISTS,
          () -> alice.send(trx(funded, target.getAddress(), "2000000", "same-key")));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void transfersPageByIndexAndTheStreamResumesWithoutGapsOrDuplicates() {
    WalletServiceBlockingStub dave = fx.client("dave", Scope.SPEND);
    Wallet source =
        dave.importWallet(
                ImportWalletRequest.newBuilder()
                    .setPrivateKeyHex(fx.devAccounts().get(3).privateKeyHex())
                    .build())
            .getWallet();
    String to = fx.devAccounts().get(4).address();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          dave.send(trx(source, to, Integer.toString(1000 + i), "page-" + i))
              .getTransfer()
              .getTransferId());
    }
    ids.forEach(id -> WalletFixture.awaitFinal(dave, id));

    ListTransfersResponse first =
        dave.listTransfers(ListTransfersRequest.newBuilder().setMaxTransfers(2).build());
    ListTransfersResponse second =
        dave.listTransfers(
            ListTransfersRequest.newBuilder()
                .setMaxTransfers(2)
                .setIndexOffset(first.getLastIndexOffset())
                .build());
    ListTransfersResponse last =
        dave.listTransfers(
            ListTransfersRequest.newBuilder().setMaxTransfers(2).setReversed(true).build());
    assertEquals(
        ids.subList(0, 2), first.getTransfersList().stream().map(Transfer::getTransferId).toList());
    assertEquals(
        ids.subList(2, 4),
        second.getTransfersList().stream().map(Transfer::getTransferId).toList());
    assertEquals(
        ids.subList(3, 5), last.getTransfersList().stream().map(Transfer::getTransferId).toList());

    // Two status events per transfer: PENDING when recorded, then its final status.
    List<TransferEvent> all = readEvents(dave, 0, 10);
    List<Long> indexes = all.stream().map(TransferEvent::getEventIndex).toList();
    assertEquals(indexes.stream().sorted().distinct().toList(), indexes);
    for (String id : ids) {
      List<TransferStatus> statuses =
          all.stream()
              .filter(e -> e.getTransfer().getTransferId().equals(id))
              .map(e -> e.getTransfer().getStatus())
              .toList();
      assertEquals(TransferStatus.TRANSFER_STATUS_CONFIRMED, statuses.get(statuses.size() - 1));
      assertEquals(TransferStatus.TRANSFER_STATUS_PENDING, statuses.get(0));
    }
    long resumeAfter = all.get(4).getEventIndex();
    List<TransferEvent> resumed = readEvents(dave, resumeAfter, all.size() - 5);
    assertEquals(all.subList(5, all.size()), resumed);
  }

  @Test
  void healthReportsServing() {
    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(fx.channel)
            .check(
                HealthCheckRequest.newBuilder()
                    .setService("bttspeed.wallet.v1.WalletService")
                    .build());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
  }

  private static List<TransferEvent> readEvents(
      WalletServiceBlockingStub client, long after, int count) {
    List<TransferEvent> out = new ArrayList<>();
    Iterator<TransferEvent> it =
        client.subscribeTransfers(
            SubscribeTransfersRequest.newBuilder().setStartIndex(after).build());
    while (out.size() < count) {
      out.add(it.next());
    }
    return out;
  }

  /** One base unit of a TRC-10 token by id. */
  private static SendRequest trc10(Wallet from, String tokenId, String to, String key) {
    return SendRequest.newBuilder()
        .setWalletId(from.getWalletId())
        .setAsset(Asset.newBuilder().setTrc10TokenId(tokenId))
        .setToAddress(to)
        .setAmountBaseUnits("1")
        .setIdempotencyKey(key)
        .build();
  }

  private static SendRequest trx(Wallet from, String amount, String key) {
    return trx(from, "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH", amount, key);
  }

  private static SendRequest trx(Wallet from, String to, String amount, String key) {
    return SendRequest.newBuilder()
        .setWalletId(from.getWalletId())
        .setAsset(TRX)
        .setToAddress(to)
        .setAmountBaseUnits(amount)
        .setIdempotencyKey(key)
        .build();
  }

  /** A TRX send from whatever {@code walletId} says, as the caller typed it. */
  private static SendRequest trx(String walletId, String amount, String key) {
    return SendRequest.newBuilder()
        .setWalletId(walletId)
        .setAsset(TRX)
        .setToAddress("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH")
        .setAmountBaseUnits(amount)
        .setIdempotencyKey(key)
        .build();
  }

  private static EstimateFeeRequest estimate(String walletId) {
    return EstimateFeeRequest.newBuilder()
        .setWalletId(walletId)
        .setAsset(TRX)
        .setToAddress("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH")
        .setAmountBaseUnits("1")
        .build();
  }

  private static int walletCount(WalletServiceBlockingStub client) {
    return client
        .listWallets(ListWalletsRequest.newBuilder().setPageSize(1_000).build())
        .getWalletsCount();
  }

  private static int transferCount(WalletServiceBlockingStub client) {
    return client
        .listTransfers(ListTransfersRequest.newBuilder().setMaxTransfers(1_000).build())
        .getTransfersCount();
  }

  private static BigInteger balance(WalletServiceBlockingStub client, Wallet wallet, Asset asset) {
    List<Balance> balances =
        client
            .getBalances(
                GetBalancesRequest.newBuilder()
                    .setWalletId(wallet.getWalletId())
                    .addAssets(asset)
                    .build())
            .getBalancesList();
    assertEquals(1, balances.size());
    return new BigInteger(balances.get(0).getAmountBaseUnits());
  }

  private static void assertCode(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().getDescription());
    assertNotEquals(null, e.getStatus().getDescription());
  }
}
