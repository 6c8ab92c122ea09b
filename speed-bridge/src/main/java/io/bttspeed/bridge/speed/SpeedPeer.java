package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.auction.Award;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedSession;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What this node knows of one speed link, both as a seller to it and as a buyer from it. Guarded by
 * itself.
 */
final class SpeedPeer {
  final PeerLink link;
  final SpeedSession session = new SpeedSession();

  // Selling to it: its verified bid, the auction's award, and what of our upload has been charged.
  Amount theirBid;
  ChannelView theirChannel;
  Award award;
  BidAck lastAck;
  long uploadedMark;
  // What it owed from earlier sessions when this one's first bid was verified; see SellerFlow.
  BigInteger debtCarried = BigInteger.ZERO;

  // Buying from it: our channel to it, our last bid, and its last bid_ack.
  ChannelView ourChannel;
  BigInteger ourBid = BigInteger.ZERO;
  boolean ourSlotPaid;
  BigInteger ourSlotPrice = BigInteger.ZERO;
  boolean distrusted;

  // A bid it refused as busy, or one our wallet could not make a channel for, is tried again no
  // sooner than this (System.nanoTime()), each wait twice the last.
  long bidRetryAtNanos;
  int busyRefusals;

  SpeedPeer(PeerLink link) {
    this.link = link;
  }

  Optional<Hello> hello() {
    return session.peerHello();
  }

  synchronized Optional<LedgerKey> sellerKey() {
    return theirBid == null || hello().isEmpty()
        ? Optional.empty()
        : Optional.of(new LedgerKey(link.torrent(), hello().get().address(), theirBid.asset()));
  }

  synchronized Optional<LedgerKey> buyerKey() {
    return ourChannel == null || hello().isEmpty()
        ? Optional.empty()
        : Optional.of(
            new LedgerKey(link.torrent(), hello().get().address(), ourChannel.deposit().asset()));
  }

  synchronized Asset ourAsset() {
    return ourChannel.deposit().asset();
  }
}
