package io.bttspeed.bridge.wallet;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the Speed protocol needs from a wallet, and nothing more (the consumer owns the interface).
 * One implementation talks to a wallet server over gRPC; a daemon without a configured wallet
 * embeds one and talks to it the same way. Every method may block on the network: callers never
 * call them on the BitTorrent engine's threads. Failures are {@link ChannelWalletException}s whose
 * {@link ChannelWalletException.Reason} maps onto a {@code bt_speed} {@code reject} code.
 */
public interface ChannelWallet {

  /**
   * This daemon's address: the payee of channels opened to it and the payer of the channels it
   * opens.
   */
  TronAddress address();

  /** The chain id vouchers are bound to (TIP-712 domain), as the wallet's node reports it. */
  long chainId();

  /** The channel contract (hub) for each asset this wallet can pay or be paid in on its chain. */
  Map<Asset, TronAddress> hubs();

  /**
   * Seeder: the channel as the chain has it, for a channel this wallet may never have seen. Refuses
   * (reason {@code BAD_CHANNEL}) a channel that does not exist, is not open, or whose payee is not
   * {@link #address()}; {@code EXPIRING} when it expires within the wallet's safety margin.
   */
  ChannelView verify(ChannelId channel);

  /**
   * Leecher: an open channel from this wallet to {@code payee} in {@code asset} with at least
   * {@code minRemaining} not yet promised, reusing the one it has (topped up to {@code deposit}
   * remaining if needed) or opening one with {@code deposit}. Retried calls never lock a second
   * deposit.
   */
  ChannelView ensureChannel(TronAddress payee, Asset asset, Amount minRemaining, Amount deposit);

  /**
   * Leecher: a voucher for the channel's cumulative amount {@code cumulative}. Idempotent: asking
   * again for a total already signed returns that voucher and pays nothing more, so a retry after a
   * crash never pays twice.
   */
  SignedVoucher payUpTo(ChannelId channel, Amount cumulative);

  /**
   * Seeder: stores the voucher; completes with the highest cumulative amount now stored, only after
   * the wallet stored it (the {@code receipt} may go out then), or exceptionally with a {@link
   * ChannelWalletException}.
   */
  CompletableFuture<Amount> accept(SignedVoucher voucher);
}
