package io.bttspeed.bridge.choke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides which peers of one torrent hold an upload slot. Each round: the {@link SlotPolicy} fills
 * its slots, the tit-for-tat slots go to the interested peers with the best download rate from them
 * (then the best upload rate to them, so a seed rewards the fastest takers), and one optimistic
 * slot goes to a random other interested peer and stays with it for {@code optimisticRounds}
 * rounds. Between rounds a free slot goes at once to a newly interested peer, so a new connection
 * does not wait a whole round. Pure logic: no clock, no I/O; thread-safe.
 *
 * @param <K> the key type of a peer
 */
public final class SlotChoker<K> {
  private final ChokerSettings settings;
  private final SlotPolicy<K> policy;
  private final RandomGenerator random;
  private final Set<K> unchoked = new LinkedHashSet<>();

  /** The peers the policy gave a slot this round. */
  private final Set<K> policyHolders = new LinkedHashSet<>();

  private K optimistic;
  private int roundsSinceOptimisticMoved;

  public SlotChoker(ChokerSettings settings, SlotPolicy<K> policy, RandomGenerator random) {
    this.settings = settings;
    this.policy = policy;
    this.random = random;
  }

  /** Reassigns the slots from this round's samples; returns the peers that hold one now. */
  public synchronized Set<K> round(List<PeerSample<K>> samples) {
    List<PeerSample<K>> interested = samples.stream().filter(PeerSample::interested).toList();
    Set<K> next = new LinkedHashSet<>();
    for (K peer : policy.choose(interested, settings.policySlots())) {
      if (next.size() >= settings.policySlots()) {
        break;
      }
      if (interested.stream().anyMatch(s -> s.peer().equals(peer))) {
        next.add(peer);
      }
    }
    Set<K> chosenByPolicy = Set.copyOf(next);
    List<PeerSample<K>> ranked = new ArrayList<>(interested);
    ranked.removeIf(s -> next.contains(s.peer()));
    ranked.sort(
        Comparator.<PeerSample<K>>comparingLong(PeerSample::downloadRate)
            .thenComparingLong(PeerSample::uploadRate)
            .reversed());
    int titForTat =
        settings.titForTatSlots()
            + (policy.reservesItsSlots() ? 0 : settings.policySlots() - next.size());
    for (int i = 0; i < Math.min(titForTat, ranked.size()); i++) {
      next.add(ranked.get(i).peer());
    }
    next.add(chooseOptimistic(interested, next));
    next.remove(null);
    policyHolders.clear();
    policyHolders.addAll(chosenByPolicy);
    unchoked.clear();
    unchoked.addAll(next);
    return Set.copyOf(unchoked);
  }

  private K chooseOptimistic(List<PeerSample<K>> interested, Set<K> taken) {
    roundsSinceOptimisticMoved++;
    boolean keep =
        optimistic != null
            && roundsSinceOptimisticMoved < settings.optimisticRounds()
            && !taken.contains(optimistic)
            && interested.stream().anyMatch(s -> s.peer().equals(optimistic));
    if (keep) {
      return optimistic;
    }
    List<K> candidates = new ArrayList<>();
    for (PeerSample<K> sample : interested) {
      if (!taken.contains(sample.peer()) && !sample.peer().equals(optimistic)) {
        candidates.add(sample.peer());
      }
    }
    if (candidates.isEmpty()
        && optimistic != null
        && !taken.contains(optimistic)
        && interested.stream().anyMatch(s -> s.peer().equals(optimistic))) {
      candidates.add(optimistic); // the only one left keeps it
    }
    optimistic = candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    roundsSinceOptimisticMoved = 0;
    return optimistic;
  }

  /**
   * Whether the peer should be unchoked now: it holds a slot and still wants data, or it is
   * interested and a slot is free (then it takes it until the next round). A holder that lost
   * interest (it has every piece it wants) gives its slot up at once: kept to the next round, the
   * slot sat idle for up to a round while another peer waited at 0 %.
   */
  public synchronized boolean shouldUnchoke(K peer, boolean interested) {
    if (unchoked.contains(peer)) {
      if (interested) {
        return true;
      }
      forget(peer);
      return false;
    }
    if (interested && openSlotFree()) {
      unchoked.add(peer);
      return true;
    }
    return false;
  }

  /**
   * Whether a slot a newcomer may take is free. A policy that reserves its slots keeps them for its
   * own peers (a seller's paid slots wait for bidders: a verified bid triggers a round), so then
   * only the tit-for-tat and optimistic slots count; otherwise an idle paid slot would go to any
   * peer that asks between rounds, and since Bt asks whenever a connection's queue is empty, that
   * is every non-bidder, every round.
   */
  private boolean openSlotFree() {
    if (!policy.reservesItsSlots()) {
      return unchoked.size() < settings.totalSlots();
    }
    long open = unchoked.stream().filter(p -> !policyHolders.contains(p)).count();
    return open < settings.titForTatSlots() + 1L;
  }

  /** Drops a disconnected peer; its slot is free for the next interested one. */
  public synchronized void forget(K peer) {
    unchoked.remove(peer);
    policyHolders.remove(peer);
    if (peer.equals(optimistic)) {
      optimistic = null;
    }
  }

  /** Whether the peer holds one of the policy's slots (a paid slot) now. */
  public synchronized boolean holdsPolicySlot(K peer) {
    return policyHolders.contains(peer) && unchoked.contains(peer);
  }

  public synchronized Set<K> unchoked() {
    return Set.copyOf(unchoked);
  }

  public synchronized Optional<K> optimistic() {
    return Optional.ofNullable(optimistic);
  }
}
