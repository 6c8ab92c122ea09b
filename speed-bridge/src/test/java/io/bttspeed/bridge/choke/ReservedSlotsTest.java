package io.bttspeed.bridge.choke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A seller's paid slots stay with bidders between rounds, not only at them. */
class ReservedSlotsTest {
  private static PeerSample<String> peer(String name) {
    return new PeerSample<>(name, true, 0, 0);
  }

  private static SlotChoker<String> seller(List<String> bidders) {
    SlotPolicy<String> auction =
        new SlotPolicy<>() {
          @Override
          public List<String> choose(List<PeerSample<String>> interested, int slots) {
            return bidders;
          }

          @Override
          public boolean reservesItsSlots() {
            return true;
          }
        };
    return new SlotChoker<>(
        new ChokerSettings(4, 1, 3, Duration.ofSeconds(10)), auction, new Random(3));
  }

  @Test
  void anIdlePaidSlotIsNotGivenToANonBidderBetweenRounds() {
    SlotChoker<String> choker = seller(List.of("bidder-1", "bidder-2"));
    Set<String> round =
        choker.round(
            List.of(
                peer("bidder-1"),
                peer("bidder-2"),
                peer("plain-1"),
                peer("plain-2"),
                peer("plain-3")));
    assertEquals(4, round.size(), "two paid, one tit-for-tat, one optimistic: " + round);
    String waiting =
        List.of("plain-1", "plain-2", "plain-3").stream()
            .filter(p -> !round.contains(p))
            .findFirst()
            .orElseThrow();

    // Bt asks again whenever the waiting peer's queue empties; two paid slots are idle, but they
    // are for bidders.
    assertFalse(choker.shouldUnchoke(waiting, true), "the idle paid slots are kept for bidders");
    assertEquals(round, choker.unchoked());
  }

  @Test
  void aFreedTitForTatOrOptimisticSlotStillGoesToANewcomerBetweenRounds() {
    SlotChoker<String> choker = seller(List.of("bidder-1"));
    Set<String> round = choker.round(List.of(peer("bidder-1"), peer("plain-1"), peer("plain-2")));
    assertEquals(Set.of("bidder-1", "plain-1", "plain-2"), round);
    assertFalse(choker.shouldUnchoke("plain-3", true), "both open slots are taken");

    choker.forget("plain-1");
    assertTrue(
        choker.shouldUnchoke("plain-3", true), "an open slot freed by a disconnect goes at once");
    assertFalse(choker.shouldUnchoke("plain-4", true));
  }

  @Test
  void aHolderThatLosesInterestFreesItsSlotForTheNextPeerAtOnce() {
    SlotChoker<String> choker = seller(List.of("bidder-1"));
    Set<String> round =
        choker.round(List.of(peer("bidder-1"), peer("plain-1"), peer("plain-2"), peer("plain-3")));
    String waiting =
        List.of("plain-1", "plain-2", "plain-3").stream()
            .filter(p -> !round.contains(p))
            .findFirst()
            .orElseThrow();
    String finished =
        List.of("plain-1", "plain-2", "plain-3").stream()
            .filter(p -> round.contains(p))
            .findFirst()
            .orElseThrow();
    assertFalse(choker.shouldUnchoke(waiting, true), "both open slots are taken");

    assertFalse(choker.shouldUnchoke(finished, false), "it has the file: choked");
    assertTrue(choker.shouldUnchoke(waiting, true), "its slot goes at once, not next round");
    assertFalse(choker.shouldUnchoke("plain-4", true));

    assertFalse(choker.shouldUnchoke("bidder-1", false), "a finished bidder's paid slot frees");
    assertFalse(choker.holdsPolicySlot("bidder-1"));
    assertFalse(
        choker.shouldUnchoke("plain-4", true), "and waits for a bidder, as an idle paid slot does");
  }

  @Test
  void beforeTheFirstRoundNewcomersTakeOnlyTheOpenSlots() {
    SlotChoker<String> choker = seller(List.of());
    assertTrue(choker.shouldUnchoke("plain-1", true));
    assertTrue(choker.shouldUnchoke("plain-2", true));
    assertFalse(
        choker.shouldUnchoke("plain-3", true),
        "one tit-for-tat and one optimistic slot; the paid wait");
  }

  @Test
  void aNodeThatSellsNothingGivesEverySlotToNewcomers() {
    SlotChoker<String> choker =
        new SlotChoker<>(
            new ChokerSettings(4, 1, 3, Duration.ofSeconds(10)), SlotPolicy.none(), new Random(3));
    for (int i = 0; i < 6; i++) {
      assertTrue(choker.shouldUnchoke("peer-" + i, true));
    }
    assertFalse(choker.shouldUnchoke("peer-6", true));
  }
}
