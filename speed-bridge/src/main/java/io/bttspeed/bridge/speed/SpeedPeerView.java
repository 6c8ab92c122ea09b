package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import java.util.Optional;

/**
 * One connection of a torrent as the Speed protocol sees it, for SubscribeTorrent.
 *
 * @param peer the connection's peer
 * @param session where its {@code bt_speed} session stands
 * @param wallet the peer's TRON address from its hello
 * @param selling our sale to it (it bid to us), if any
 * @param buying our purchase from it (we bid to it), if any
 * @param trusted false once it supplied part of a piece that failed its hash check: no more bids to
 *     it for the torrent
 */
public record SpeedPeerView(
    PeerAddress peer,
    Session session,
    Optional<TronAddress> wallet,
    Optional<Trade> selling,
    Optional<Trade> buying,
    boolean trusted) {

  /** A connection's speed session. */
  public enum Session {
    /** The peer did not advertise {@code bt_speed}. */
    ORDINARY,
    /** Advertised; hellos not yet exchanged both ways. */
    NEGOTIATING,
    ACTIVE,
    /** A protocol violation ended it: an ordinary peer for the rest of the connection. */
    ENDED
  }

  /**
   * One direction of trade with the peer on this torrent.
   *
   * @param bid the price per MiB bid (by it to us when selling, by us to it when buying)
   * @param paidSlot whether the buyer holds a paid slot now
   * @param clearingPrice what the buyer pays per MiB while it holds the slot; zero without one
   * @param bytesPaid piece bytes under a paid slot (sent when selling, verified when buying)
   * @param bytesFree piece bytes outside one
   * @param owed ⌊Σ bytes × price / 2^20⌋
   * @param paid vouchers accepted (selling) or signed (buying)
   */
  public record Trade(
      Amount bid,
      boolean paidSlot,
      Amount clearingPrice,
      long bytesPaid,
      long bytesFree,
      Amount owed,
      Amount paid) {}
}
