package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelAsset;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.WalletRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a channel by id from the chain, for a payee that has never seen it: a peer names a channel
 * and the payee must know, before it trusts the peer, that the channel exists, pays it, holds what
 * it claims and lives long enough. The chain is read every time (a stored row may be stale: a
 * top-up or a close by the other side), and nothing is stored, so an inspection, refused or not,
 * changes nothing.
 */
public final class ChannelInspector {

  /**
   * A channel as the chain has it, plus what this service stored for the caller's side of it.
   *
   * @param asset what the deposit is made of, as the contract reports it (a TRC-20 hub takes any
   *     token)
   * @param cumulative the highest voucher stored for the caller's wallet on it; zero when none
   * @param chainTime the chain's time the state was judged at
   */
  public record Inspection(
      ChannelId id,
      ChannelHub hub,
      Asset asset,
      TronAddress payer,
      TronAddress payee,
      Amount deposit,
      Amount paidOut,
      Amount cumulative,
      Instant expiresAt,
      boolean closed,
      ChannelRole role,
      Instant chainTime) {}

  private final ChannelLedger ledger;
  private final Wallets wallets;

  ChannelInspector(ChannelLedger ledger, Wallets wallets) {
    this.ledger = ledger;
    this.wallets = wallets;
  }

  /**
   * The channel on the hub of {@code asset}, or at {@code hubAddress}, or on any hub when both are
   * empty. NOT_FOUND when no such hub holds it; "not the payee" when the caller's wallet is on
   * neither side.
   */
  public Inspection inspect(
      Principal caller,
      WalletId walletId,
      ChannelId id,
      Optional<Asset> asset,
      Optional<TronAddress> hubAddress) {
    WalletRecord wallet = wallets.get(caller, walletId);
    List<ChannelHub> candidates = candidates(id, asset, hubAddress);
    Instant chainTime = ledger.now();
    for (ChannelHub hub : candidates) {
      ChannelState onChain = ledger.chain().read(hub, id, wallet.address());
      if (onChain.exists()) {
        return inspection(caller, wallet, id, hub, onChain, chainTime);
      }
    }
    throw new NotFoundException(
        "no channel "
            + id.hex()
            + " on "
            + (candidates.size() == 1
                ? "channel contract " + candidates.get(0).address()
                : "any channel contract of this network")
            + "; check the id and the asset");
  }

  private List<ChannelHub> candidates(
      ChannelId id, Optional<Asset> asset, Optional<TronAddress> hubAddress) {
    if (hubAddress.isPresent()) {
      return List.of(ledger.hubs().forVoucher(id, hubAddress.get()));
    }
    if (asset.isPresent()) {
      return List.of(ledger.hubs().forAsset(asset.get()));
    }
    return ledger.hubs().hubs();
  }

  private Inspection inspection(
      Principal caller,
      WalletRecord wallet,
      ChannelId id,
      ChannelHub hub,
      ChannelState onChain,
      Instant chainTime) {
    TronAddress payer = ChannelHub.tron(onChain.payer());
    TronAddress payee = ChannelHub.tron(onChain.payee());
    ChannelRole role;
    if (payee.equals(wallet.address())) {
      role = ChannelRole.PAYEE;
    } else if (payer.equals(wallet.address())) {
      role = ChannelRole.PAYER;
    } else {
      throw new ChannelException(
          id,
          ChannelException.Reason.NOT_PAYEE,
          "it goes from "
              + payer
              + " to "
              + payee
              + "; wallet "
              + wallet.walletId()
              + " ("
              + wallet.address()
              + ") is on neither side");
    }
    Asset asset = asset(onChain.asset());
    Amount cumulative =
        ledger
            .find(wallet.walletId(), id)
            .map(ChannelLedger.Slot::record)
            .filter(r -> r.principalId().equals(caller.id()))
            .map(ChannelRecord::cumulative)
            .orElse(Amount.zero(asset));
    return new Inspection(
        id,
        hub,
        asset,
        payer,
        payee,
        new Amount(asset, onChain.deposit()),
        new Amount(asset, onChain.paidOut()),
        cumulative,
        onChain.expiresAt(),
        onChain.closed(),
        role,
        chainTime);
  }

  private static Asset asset(ChannelAsset deposit) {
    if (deposit instanceof ChannelAsset.Trc20 t) {
      return new Asset.Trc20(ChannelHub.tron(t.token()));
    }
    return new Asset.Trc10(((ChannelAsset.Trc10) deposit).tokenId());
  }
}
