package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.BuyerLedgers;
import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.SellerLedgers;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.tron.money.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the API shows of a torrent's connections: each one's speed session and trades. */
final class PeerViews {
  private final Map<PeerLink, SpeedPeer> peers;
  private final BuyerFlow buyer;
  private final SellerLedgers sellerLedgers;
  private final BuyerLedgers buyerLedgers;

  PeerViews(
      Map<PeerLink, SpeedPeer> peers,
      BuyerFlow buyer,
      SellerLedgers sellerLedgers,
      BuyerLedgers buyerLedgers) {
    this.peers = peers;
    this.buyer = buyer;
    this.sellerLedgers = sellerLedgers;
    this.buyerLedgers = buyerLedgers;
  }

  /** The views of {@code links}, the torrent's connections, in their order. */
  List<SpeedPeerView> of(InfoHash torrent, List<PeerLink> links) {
    List<SpeedPeerView> out = new ArrayList<>();
    for (PeerLink link : links) {
      SpeedPeer p = peers.get(link);
      if (p == null) {
        out.add(
            new SpeedPeerView(
                link.address(),
                SpeedPeerView.Session.ORDINARY,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                buyer.trusted(torrent, link.address())));
        continue;
      }
      SpeedPeerView.Session session =
          p.session.ended()
              ? SpeedPeerView.Session.ENDED
              : p.session.active()
                  ? SpeedPeerView.Session.ACTIVE
                  : SpeedPeerView.Session.NEGOTIATING;
      Optional<SpeedPeerView.Trade> selling;
      Optional<SpeedPeerView.Trade> buying;
      boolean trusted;
      synchronized (p) {
        trusted = !p.distrusted && buyer.trusted(torrent, link.address());
        selling =
            p.sellerKey()
                .map(
                    k -> {
                      Ledger l = sellerLedgers.get(k);
                      boolean paid = p.award != null && p.award.paid();
                      return new SpeedPeerView.Trade(
                          p.theirBid,
                          paid,
                          new Amount(k.asset(), paid ? p.award.price() : BigInteger.ZERO),
                          l.bytesPaid(),
                          l.bytesFree(),
                          l.owedAmount(),
                          l.paidAmount());
                    });
        buying =
            p.buyerKey()
                .map(
                    k -> {
                      Ledger l = buyerLedgers.get(k);
                      return new SpeedPeerView.Trade(
                          new Amount(k.asset(), p.ourBid),
                          p.ourSlotPaid,
                          new Amount(k.asset(), p.ourSlotPrice),
                          l.bytesPaid(),
                          l.bytesFree(),
                          l.owedAmount(),
                          l.paidAmount());
                    });
      }
      out.add(
          new SpeedPeerView(
              link.address(), session, p.hello().map(Hello::address), selling, buying, trusted));
    }
    return out;
  }
}
