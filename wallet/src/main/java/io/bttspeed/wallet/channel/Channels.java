package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.EventFeed;
import io.bttspeed.wallet.store.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The payment-channel subsystem, wired: payer and payee operations over one ledger, the store, and
 * the settlement watcher. Built by the composition root; {@link #start} reconciles with the chain
 * and starts the watcher, {@link #close} stops it.
 */
public final class Channels implements AutoCloseable {

  private final ChannelStore store;
  private final ChannelHubs hubs;
  private final PayerChannels payer;
  private final PayeeChannels payee;
  private final SettlementWatcher watcher;
  private final EventFeed<ChannelStore.Event> feed;
  private final ChannelLedger ledger;
  private final ChannelInspector inspector;
  private final ChannelConfig config;
  private final Wallets wallets;

  private Channels(
      Wallets wallets,
      ChannelLedger ledger,
      ChannelInspector inspector,
      ChannelConfig config,
      ChannelStore store,
      ChannelHubs hubs,
      PayerChannels payer,
      PayeeChannels payee,
      SettlementWatcher watcher) {
    this.wallets = wallets;
    this.ledger = ledger;
    this.inspector = inspector;
    this.config = config;
    this.store = store;
    this.hubs = hubs;
    this.payer = payer;
    this.payee = payee;
    this.watcher = watcher;
    this.feed = new EventFeed<>("channel-events", store, ChannelStore.Event::index);
  }

  /**
   * How long an unseen open may still land: the transaction expires a minute after it is built
   * (TRON's expiration), so twice the call timeout plus that minute is past any chance of it.
   */
  private static Duration openTimeout(ChannelConfig config) {
    return config.callTimeout().multipliedBy(2).plusMinutes(1);
  }

  public static Channels create(
      Database db,
      ChannelHubs hubs,
      ChannelGateway gateway,
      TronGateway tron,
      Wallets wallets,
      ChannelConfig config,
      Clock clock) {
    return create(db, hubs, gateway, tron, wallets, config, clock, ChannelMetrics.none());
  }

  /** As above, counting vouchers and settlements in {@code metrics}. */
  public static Channels create(
      Database db,
      ChannelHubs hubs,
      ChannelGateway gateway,
      TronGateway tron,
      Wallets wallets,
      ChannelConfig config,
      Clock clock,
      ChannelMetrics metrics) {
    ChannelStore store = new ChannelStore(db);
    ChannelTransactionStore history = new ChannelTransactionStore(db);
    ChannelChain chain = new ChannelChain(gateway, tron, config, metrics);
    ChainClock chainClock = new ChainClock(gateway, clock);
    ChannelLedger ledger =
        new ChannelLedger(
            store,
            history,
            hubs,
            chain,
            chainClock,
            new UnlandedTransactions(
                new PendingChannelTransactions(db),
                history,
                chain,
                chainClock,
                db.exclusive(),
                clock),
            openTimeout(config),
            clock);
    PayeeChannels payee = new PayeeChannels(ledger, wallets, config, metrics);
    PayerChannels payer =
        new PayerChannels(
            ledger, wallets, config, new ChannelRequestStore(db), new ReclaimStore(db));
    return new Channels(
        wallets,
        ledger,
        new ChannelInspector(ledger, wallets),
        config,
        store,
        hubs,
        payer,
        payee,
        new SettlementWatcher(
            ledger,
            payer,
            payee,
            config.settlement(),
            config.autoReclaim(),
            new HubEventScanner(gateway, hubs)));
  }

  /** Reconciles every unclosed channel with the chain, then starts the settlement watcher. */
  public Channels start() {
    watcher.start();
    return this;
  }

  public PayerChannels payer() {
    return payer;
  }

  public PayeeChannels payee() {
    return payee;
  }

  /** Channels by id as the chain has them, for a payee that has not seen them before. */
  public ChannelInspector inspector() {
    return inspector;
  }

  /** The chain's time (its head block's), which every expiry decision is taken against. */
  public java.time.Instant chainTime() {
    return ledger.now();
  }

  /** How much life a channel must have left for a voucher on it to be signed or accepted. */
  public Duration expiryMargin() {
    return config.expiryMargin();
  }

  public ChannelStore store() {
    return store;
  }

  /**
   * A page of the caller's channel history (see {@link ChannelTransactionStore#page}); a wallet
   * filter must name one of the caller's wallets, as ListTransfers requires.
   */
  public List<ChannelTransaction> history(
      Principal caller,
      Optional<WalletId> walletId,
      Optional<ChannelId> channelId,
      long indexOffset,
      int max,
      boolean reversed) {
    walletId.ifPresent(id -> wallets.get(caller, id));
    return ledger.transactions().page(caller.id(), walletId, channelId, indexOffset, max, reversed);
  }

  public ChannelHubs hubs() {
    return hubs;
  }

  public EventFeed<ChannelStore.Event> feed() {
    return feed;
  }

  public SettlementWatcher watcher() {
    return watcher;
  }

  @Override
  public void close() {
    feed.close();
    watcher.close();
    ledger.close();
  }
}
