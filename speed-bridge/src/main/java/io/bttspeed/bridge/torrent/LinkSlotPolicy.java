package io.bttspeed.bridge.torrent;

import bt.net.ConnectionKey;
import io.bttspeed.bridge.choke.PeerSample;
import io.bttspeed.bridge.choke.SlotPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The choker's policy seam seen from Bt's side: Bt's choking agent knows connections by {@link
 * ConnectionKey}, the policy (a seller's auction) knows them as {@link PeerLink}s.
 *
 * <p>A class, not a lambda: a lambda would drop {@link #reservesItsSlots()} to its default (false),
 * and a seller's idle paid slots would go to tit-for-tat, so every non-bidder kept a slot and bids
 * bought nothing.
 */
final class LinkSlotPolicy implements SlotPolicy<ConnectionKey> {
  private final SlotPolicy<PeerLink> slots;
  private final PeerLinks links;

  LinkSlotPolicy(SlotPolicy<PeerLink> slots, PeerLinks links) {
    this.slots = slots;
    this.links = links;
  }

  @Override
  public List<ConnectionKey> choose(List<PeerSample<ConnectionKey>> interested, int count) {
    List<PeerSample<PeerLink>> samples = new ArrayList<>();
    Map<PeerLink, ConnectionKey> keys = new HashMap<>();
    for (PeerSample<ConnectionKey> s : interested) {
      PeerLink link = links.get(s.peer());
      if (link != null) {
        keys.put(link, s.peer());
        samples.add(new PeerSample<>(link, s.interested(), s.downloadRate(), s.uploadRate()));
      }
    }
    return slots.choose(samples, count).stream().map(keys::get).filter(Objects::nonNull).toList();
  }

  @Override
  public boolean reservesItsSlots() {
    return slots.reservesItsSlots();
  }
}
