package io.bttspeed.bridge.choke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotChokerTest {
  private static PeerSample<String> peer(String name, boolean interested, long down) {
    return new PeerSample<>(name, interested, down, 0);
  }

  private static SlotChoker<String> choker(
      int policySlots, int titForTat, int optimisticRounds, SlotPolicy<String> p) {
    return new SlotChoker<>(
        new ChokerSettings(policySlots, titForTat, optimisticRounds, Duration.ofSeconds(1)),
        p,
        new Random(7));
  }

  @Test
  void titForTatSlotsGoToTheBestDownloadRatesAndOneMoreIsOptimistic() {
    SlotChoker<String> choker = choker(0, 2, 3, SlotPolicy.none());
    Set<String> unchoked =
        choker.round(
            List.of(
                peer("slow", true, 10),
                peer("fast", true, 1000),
                peer("medium", true, 500),
                peer("idle", true, 0)));
    assertTrue(unchoked.containsAll(Set.of("fast", "medium")), unchoked.toString());
    assertEquals(3, unchoked.size(), "two tit-for-tat slots and one optimistic: " + unchoked);
    String optimistic = choker.optimistic().orElseThrow();
    assertTrue(Set.of("slow", "idle").contains(optimistic));
  }

  @Test
  void uninterestedPeersNeverHoldASlot() {
    SlotChoker<String> choker = choker(0, 4, 3, SlotPolicy.none());
    Set<String> unchoked = choker.round(List.of(peer("a", false, 9999), peer("b", true, 0)));
    assertEquals(Set.of("b"), unchoked);
    assertFalse(choker.shouldUnchoke("a", false));
  }

  @Test
  void optimisticSlotMovesEveryFewRoundsAndEveryPeerGetsATurn() {
    SlotChoker<String> choker = choker(0, 0, 2, SlotPolicy.none());
    List<PeerSample<String>> peers =
        List.of(peer("a", true, 0), peer("b", true, 0), peer("c", true, 0));
    Set<String> holders = new HashSet<>();
    String previous = null;
    for (int round = 0; round < 30; round++) {
      Set<String> unchoked = choker.round(peers);
      assertEquals(1, unchoked.size());
      String holder = unchoked.iterator().next();
      holders.add(holder);
      if (round % 2 == 0 && previous != null) {
        assertNotEquals(previous, holder, "round " + round + " moves the optimistic slot");
      } else if (previous != null) {
        assertEquals(previous, holder, "round " + round + " keeps it");
      }
      previous = holder;
    }
    assertEquals(Set.of("a", "b", "c"), holders);
  }

  @Test
  void policySlotsAreFilledFirstAndOnlyWithInterestedPeers() {
    SlotPolicy<String> paid = (interested, slots) -> List.of("gone", "payer");
    SlotChoker<String> choker = choker(1, 1, 3, paid);
    Set<String> unchoked =
        choker.round(
            List.of(peer("payer", true, 0), peer("fast", true, 100), peer("other", true, 1)));
    assertTrue(unchoked.containsAll(Set.of("payer", "fast")), unchoked.toString());
    assertEquals(3, unchoked.size());
  }

  @Test
  void idlePolicySlotsGoToTitForTatUnlessThePolicyReservesThem() {
    SlotChoker<String> choker = choker(2, 1, 3, SlotPolicy.none());
    Set<String> unchoked =
        choker.round(
            List.of(
                peer("a", true, 400),
                peer("b", true, 300),
                peer("c", true, 200),
                peer("d", true, 100),
                peer("e", true, 0)));
    assertTrue(
        unchoked.containsAll(Set.of("a", "b", "c")),
        "three tit-for-tat slots by rate: " + unchoked);
    assertEquals(4, unchoked.size(), "and one optimistic: " + unchoked);

    SlotChoker<String> oneBidder = choker(2, 1, 3, (interested, slots) -> List.of("e"));
    Set<String> withBid =
        oneBidder.round(
            List.of(
                peer("a", true, 400),
                peer("b", true, 300),
                peer("c", true, 200),
                peer("d", true, 100),
                peer("e", true, 0)));
    assertTrue(
        withBid.containsAll(Set.of("e", "a", "b")), "the bidder, then two by rate: " + withBid);
    assertEquals(4, withBid.size(), withBid.toString());

    SlotPolicy<String> seller =
        new SlotPolicy<>() {
          @Override
          public List<String> choose(List<PeerSample<String>> interested, int slots) {
            return List.of("e");
          }

          @Override
          public boolean reservesItsSlots() {
            return true;
          }
        };
    Set<String> selling =
        choker(2, 1, 3, seller)
            .round(
                List.of(
                    peer("a", true, 400),
                    peer("b", true, 300),
                    peer("c", true, 200),
                    peer("d", true, 100),
                    peer("e", true, 0)));
    assertTrue(
        selling.containsAll(Set.of("e", "a")),
        "a seller keeps its idle paid slot for bidders: " + selling);
    assertEquals(3, selling.size(), "the bidder, one by rate, one optimistic: " + selling);
  }

  @Test
  void aFreeSlotGoesToANewInterestedPeerBetweenRoundsAndAFullChokerRefuses() {
    SlotChoker<String> choker = choker(0, 1, 3, SlotPolicy.none());
    assertTrue(choker.shouldUnchoke("first", true));
    assertTrue(choker.shouldUnchoke("second", true));
    assertFalse(choker.shouldUnchoke("third", true), "two slots: one tit-for-tat, one optimistic");
    choker.forget("first");
    assertTrue(choker.shouldUnchoke("third", true));
  }
}
