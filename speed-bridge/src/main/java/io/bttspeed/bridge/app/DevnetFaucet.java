package io.bttspeed.bridge.app;

import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.DevnetGenesis;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import java.math.BigInteger;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Funds a daemon's wallet on the embedded devnet (and nowhere else: its caller checks) from the
 * last development account, through the wallet service's own Send: TRX for fees, TRC-10 BTT and
 * TRC-20 BTT for channels. Public for {@code speed-bridge demo}, whose daemons share one wallet
 * service. Each send's idempotency key is the recipient's wallet id, so funding again on every
 * start sends each amount once in the wallet's life.
 */
public final class DevnetFaucet {

  static final String PRINCIPAL = "devnet-faucet";

  /** 1,000 TRX in sun: fees for thousands of channel transactions. */
  static final BigInteger TRX_SUN = BigInteger.valueOf(1_000_000_000L);

  /** 10,000 TRC-10 BTT (precision 6). */
  static final BigInteger TRC10_BTT_UNITS = BigInteger.valueOf(10_000_000_000L);

  /** 10,000 TRC-20 BTT (18 decimals). */
  static final BigInteger TRC20_BTT_UNITS = BigInteger.TEN.pow(22);

  private static final String TRC10_BTT = "1002000";

  private final ManagedChannel connection;
  private final String token;
  private final Duration deadline;

  /**
   * A faucet on the wallet service in this process, which must run on a devnet; its principal is
   * {@value #PRINCIPAL}.
   */
  public DevnetFaucet(WalletApp app, ManagedChannel connection, Duration deadline) {
    this(
        checkDevnet(app).principals().createToken(PRINCIPAL, EnumSet.of(Scope.READ, Scope.SPEND)),
        connection,
        deadline);
  }

  /**
   * A faucet on a wallet service elsewhere, which the caller knows serves a devnet, under the
   * principal of {@code faucetToken} (read, spend).
   */
  public DevnetFaucet(String faucetToken, ManagedChannel connection, Duration deadline) {
    this.connection = connection;
    this.token = faucetToken;
    this.deadline = deadline;
  }

  private static WalletApp checkDevnet(WalletApp app) {
    if (app.devnet().isEmpty()) {
      throw new IllegalStateException("funding is for the devnet only");
    }
    return app;
  }

  /**
   * Sends the three amounts to {@code walletId} (a wallet of {@code ownerToken}'s principal), once.
   */
  public void fund(String walletId, String ownerToken) {
    DevnetGenesis devnet = DevnetGenesis.standard();
    GrpcChannelWallet.Settings settings =
        new GrpcChannelWallet.Settings(
            deadline,
            GrpcChannelWallet.Settings.DEFAULTS.channelLifetime(),
            GrpcChannelWallet.Settings.DEFAULTS.minimumLife());
    String to =
        EmbeddedWallet.stub(connection, ownerToken, settings)
            .getWallet(GetWalletRequest.newBuilder().setWalletId(walletId).build())
            .getWallet()
            .getAddress();
    String from = faucetWallet(devnet, settings);
    send(
        settings,
        from,
        to,
        Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build(),
        TRX_SUN,
        "trx-" + walletId);
    send(
        settings,
        from,
        to,
        Asset.newBuilder().setTrc10TokenId(TRC10_BTT).build(),
        TRC10_BTT_UNITS,
        "trc10-" + walletId);
    send(
        settings,
        from,
        to,
        Asset.newBuilder().setTrc20ContractAddress(devnet.bttTokenAddress()).build(),
        TRC20_BTT_UNITS,
        "trc20-" + walletId);
  }

  /** The faucet principal's wallet of the development account, imported the first time. */
  private String faucetWallet(DevnetGenesis devnet, GrpcChannelWallet.Settings settings) {
    List<DevelopmentAccount> accounts = devnet.developmentAccounts();
    DevelopmentAccount account = accounts.get(accounts.size() - 1);
    List<Wallet> existing =
        EmbeddedWallet.stub(connection, token, settings)
            .listWallets(ListWalletsRequest.getDefaultInstance())
            .getWalletsList();
    for (Wallet wallet : existing) {
      if (wallet.getAddress().equals(account.address())) {
        return wallet.getWalletId();
      }
    }
    return EmbeddedWallet.stub(connection, token, settings)
        .importWallet(
            ImportWalletRequest.newBuilder()
                .setLabel("devnet development account " + account.index())
                .setPrivateKeyHex(account.privateKeyHex())
                .build())
        .getWallet()
        .getWalletId();
  }

  private void send(
      GrpcChannelWallet.Settings settings,
      String from,
      String to,
      Asset asset,
      BigInteger units,
      String key) {
    EmbeddedWallet.stub(connection, token, settings)
        .send(
            SendRequest.newBuilder()
                .setWalletId(from)
                .setAsset(asset)
                .setToAddress(to)
                .setAmountBaseUnits(units.toString())
                .setIdempotencyKey("devnet-fund-" + key)
                .build());
  }
}
