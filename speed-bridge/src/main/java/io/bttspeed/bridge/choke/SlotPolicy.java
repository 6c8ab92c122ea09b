package io.bttspeed.bridge.choke;

import java.util.List;

/**
 * The seam for slots given by rules other than tit-for-tat: the Speed protocol's paid slots (the
 * auction) plug in here. Each round the choker asks the policy first, then fills the tit-for-tat
 * and optimistic slots from the rest.
 *
 * @param <K> the key type of a peer
 */
@FunctionalInterface
public interface SlotPolicy<K> {
  /**
   * @param interested the interested peers of the torrent this round
   * @param slots how many slots the policy may fill
   * @return the peers to unchoke, best first; only the first {@code slots} are used
   */
  List<K> choose(List<PeerSample<K>> interested, int slots);

  /**
   * Whether slots the policy leaves empty stay empty. A seller keeps its paid slots for bidders
   * (DESIGN §5: only one tit-for-tat and one optimistic slot besides them), which is what makes a
   * bid worth anything; a node that sells nothing gives them to tit-for-tat, so it uploads like an
   * ordinary client.
   */
  default boolean reservesItsSlots() {
    return false;
  }

  /** No policy slots: everything goes by tit-for-tat and optimistic unchoking. */
  static <K> SlotPolicy<K> none() {
    return (interested, slots) -> List.of();
  }
}
