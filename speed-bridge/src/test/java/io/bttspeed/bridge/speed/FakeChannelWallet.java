package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import io.bttspeed.bridge.wallet.ChannelWalletException.Reason;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A FAKE ChannelWallet for the pure protocol logic of the flows: channels live in a shared
 * in-memory {@link Hub} instead of on a chain, and a "signature" is a fixed 65-byte token per payer
 * instead of TIP-712. It keeps the rules the flows depend on (payee-only verify, idempotent
 * payUpTo, accept only above the stored cumulative and within the deposit, completing later on
 * another thread). It proves nothing about the real wallet.
 */
final class FakeChannelWallet implements ChannelWallet {
  static final long CHAIN_ID = 150615991L;

  /** The fake "chain": every channel of every fake wallet in a test. */
  static final class Hub {
    final TronAddress address;
    final Map<ChannelId, Channel> channels = new ConcurrentHashMap<>();
    final AtomicLong nextId = new AtomicLong(1);

    Hub(TronAddress address) {
      this.address = address;
    }
  }

  static final class Channel {
    final ChannelId id;
    final TronAddress payer;
    final TronAddress payee;
    final Asset asset;
    volatile BigInteger deposit;
    volatile BigInteger signed = BigInteger.ZERO;
    volatile BigInteger accepted = BigInteger.ZERO;
    final AtomicLong vouchersAccepted = new AtomicLong();

    Channel(ChannelId id, TronAddress payer, TronAddress payee, Asset asset, BigInteger deposit) {
      this.id = id;
      this.payer = payer;
      this.payee = payee;
      this.asset = asset;
      this.deposit = deposit;
    }
  }

  /** The threads that called verify, ensureChannel, payUpTo and accept: never Bt's. */
  final java.util.Set<String> callers = ConcurrentHashMap.newKeySet();

  /** A payer that stops paying: payUpTo refuses for lack of funds. */
  volatile boolean refusePayments;

  private final Hub hub;
  private final TronAddress me;
  private final Asset asset;

  FakeChannelWallet(Hub hub, TronAddress me, Asset asset) {
    this.hub = hub;
    this.me = me;
    this.asset = asset;
  }

  static TronAddress address(int n) {
    byte[] raw = new byte[21];
    raw[0] = 0x41;
    Arrays.fill(raw, 1, 21, (byte) n);
    return TronAddress.of(raw);
  }

  static byte[] fakeSignature(TronAddress payer) {
    byte[] sig = new byte[65];
    System.arraycopy(
        payer.toByteArray(), 1, sig, 0, 20); // r: the payer, so another payer's token does not fit
    sig[63] = 1; // s = 1: low
    sig[64] = 27;
    return sig;
  }

  @Override
  public TronAddress address() {
    return me;
  }

  @Override
  public long chainId() {
    return CHAIN_ID;
  }

  @Override
  public Map<Asset, TronAddress> hubs() {
    return Map.of(asset, hub.address);
  }

  private ChannelView view(Channel c, BigInteger cumulative) {
    return new ChannelView(
        c.id,
        hub.address,
        c.payer,
        c.payee,
        new Amount(c.asset, c.deposit),
        new Amount(c.asset, cumulative),
        Instant.now().plusSeconds(86400));
  }

  @Override
  public ChannelView verify(ChannelId channel) {
    callers.add(Thread.currentThread().getName());
    Channel c = hub.channels.get(channel);
    if (c == null || !c.payee.equals(me)) {
      throw new ChannelWalletException(Reason.BAD_CHANNEL, "no such channel to this wallet");
    }
    return view(c, c.accepted);
  }

  @Override
  public synchronized ChannelView ensureChannel(
      TronAddress payee, Asset asset, Amount minRemaining, Amount deposit) {
    callers.add(Thread.currentThread().getName());
    for (Channel c : hub.channels.values()) {
      if (c.payer.equals(me) && c.payee.equals(payee) && c.asset.equals(asset)) {
        if (c.deposit.subtract(c.signed).compareTo(minRemaining.units()) < 0) {
          c.deposit = c.signed.add(deposit.units());
        }
        return view(c, c.signed);
      }
    }
    byte[] id = new byte[32];
    long n = hub.nextId.getAndIncrement();
    for (int i = 0; i < 8; i++) {
      id[31 - i] = (byte) (n >>> (8 * i));
    }
    Channel c = new Channel(ChannelId.of(id), me, payee, asset, deposit.units());
    hub.channels.put(c.id, c);
    return view(c, c.signed);
  }

  @Override
  public SignedVoucher payUpTo(ChannelId channel, Amount cumulative) {
    callers.add(Thread.currentThread().getName());
    Channel c = hub.channels.get(channel);
    if (c == null || !c.payer.equals(me)) {
      throw new ChannelWalletException(Reason.BAD_CHANNEL, "not our channel");
    }
    if (refusePayments) {
      throw new ChannelWalletException(Reason.FUNDS, "the test stopped this payer");
    }
    synchronized (c) {
      if (cumulative.units().compareTo(c.deposit) > 0) {
        throw new ChannelWalletException(Reason.OVER_DEPOSIT, "over the deposit");
      }
      c.signed = c.signed.max(cumulative.units());
    }
    return new SignedVoucher(channel, hub.address, cumulative, fakeSignature(me));
  }

  @Override
  public CompletableFuture<Amount> accept(SignedVoucher voucher) {
    callers.add(Thread.currentThread().getName());
    return CompletableFuture.supplyAsync(
        () -> {
          Channel c = hub.channels.get(voucher.channel());
          if (c == null || !c.payee.equals(me) || !voucher.hub().equals(hub.address)) {
            throw new ChannelWalletException(Reason.BAD_CHANNEL, "no such channel to this wallet");
          }
          if (!Arrays.equals(voucher.signature(), fakeSignature(c.payer))) {
            throw new ChannelWalletException(Reason.BAD_VOUCHER, "not the payer's signature");
          }
          synchronized (c) {
            BigInteger cum = voucher.cumulative().units();
            if (cum.compareTo(c.accepted) <= 0) {
              // As the real wallet's AcceptVoucher: nothing changes, the stored total is answered.
              return new Amount(c.asset, c.accepted);
            }
            if (cum.compareTo(c.deposit) > 0) {
              throw new ChannelWalletException(Reason.OVER_DEPOSIT, "over the deposit");
            }
            c.accepted = cum;
            c.vouchersAccepted.incrementAndGet();
            return new Amount(c.asset, cum);
          }
        });
  }
}
