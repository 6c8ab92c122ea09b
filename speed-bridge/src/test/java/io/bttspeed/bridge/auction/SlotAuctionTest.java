package io.bttspeed.bridge.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.bridge.choke.PeerSample;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlotAuctionTest {
  static final Asset BTT = new Asset.Trc10(1002000);
  static final Asset OTHER = new Asset.Trc10(1000001);

  /** One bid: peer, price, data it sent us; bids are placed in table order (earlier first). */
  record B(String peer, long price, long sent) {}

  static Stream<Arguments> rounds() {
    return Stream.of(
        Arguments.of("no bids, no paid slots", 4, 5, List.of(), List.of(), 0),
        Arguments.of(
            "the four best of five win at the best loser's price",
            4,
            5,
            List.of(
                new B("a", 10, 0),
                new B("b", 20, 0),
                new B("c", 30, 0),
                new B("d", 40, 0),
                new B("e", 50, 0)),
            List.of("e", "d", "c", "b"),
            10),
        Arguments.of(
            "no loser: the ask is the price",
            4,
            7,
            List.of(new B("a", 9, 0), new B("b", 100, 0)),
            List.of("b", "a"),
            7),
        Arguments.of(
            "a bid below the ask neither wins nor sets the price",
            1,
            7,
            List.of(new B("a", 6, 0), new B("b", 8, 0)),
            List.of("b"),
            7),
        Arguments.of("a bid at the ask counts", 1, 7, List.of(new B("a", 7, 0)), List.of("a"), 7),
        Arguments.of(
            "the loser's bid above the ask sets the price",
            1,
            7,
            List.of(new B("a", 8, 0), new B("b", 12, 0)),
            List.of("b"),
            8),
        Arguments.of(
            "a price tie goes to the peer that sent us more",
            1,
            1,
            List.of(new B("a", 10, 100), new B("b", 10, 200)),
            List.of("b"),
            10),
        Arguments.of(
            "a full tie goes to the earlier bid",
            1,
            1,
            List.of(new B("a", 10, 100), new B("b", 10, 100)),
            List.of("a"),
            10),
        Arguments.of("no paid slots configured", 0, 1, List.of(new B("a", 10, 0)), List.of(), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rounds")
  void roundAwardsTheBestBidsAtTheUniformClearingPrice(
      String why, int slots, long ask, List<B> table, List<String> winners, long price) {
    Map<String, Long> sent = new HashMap<>();
    AtomicReference<Map<String, Award>> told = new AtomicReference<>();
    SlotAuction<String> auction = new SlotAuction<>(slots, sent::get, told::set);
    auction.setAsk(BTT, BigInteger.valueOf(ask));
    List<PeerSample<String>> samples = new ArrayList<>();
    for (B b : table) {
      sent.put(b.peer, b.sent);
      auction.bid(b.peer, BTT, BigInteger.valueOf(b.price));
      samples.add(new PeerSample<>(b.peer, true, 0, 0));
    }
    assertEquals(winners, auction.choose(samples, 8), why);
    for (B b : table) {
      boolean won = winners.contains(b.peer);
      assertEquals(
          new Award(won, BTT, won ? BigInteger.valueOf(price) : BigInteger.ZERO),
          told.get().get(b.peer),
          why + ": " + b.peer);
    }
    assertEquals(told.get(), auction.awards());
  }

  private static SlotAuction<String> threeBidders(Map<String, Long> sent) {
    SlotAuction<String> auction = new SlotAuction<>(2, p -> sent.getOrDefault(p, 0L), a -> {});
    auction.setAsk(BTT, BigInteger.ONE);
    auction.bid("a", BTT, BigInteger.valueOf(30));
    auction.bid("b", BTT, BigInteger.valueOf(20));
    auction.bid("c", BTT, BigInteger.valueOf(10));
    return auction;
  }

  static List<PeerSample<String>> interested(String... peers) {
    return Stream.of(peers).map(p -> new PeerSample<>(p, true, 0, 0)).toList();
  }

  @Test
  void aPeerOverItsCreditLosesItsSlotAndDoesNotSetThePriceUntilItPays() {
    SlotAuction<String> auction = threeBidders(Map.of());
    auction.setOverCredit("a", true);
    assertEquals(List.of("b", "c"), auction.choose(interested("a", "b", "c"), 8));
    assertEquals(
        new Award(true, BTT, BigInteger.ONE),
        auction.awards().get("b"),
        "a's bid did not set the price");
    assertEquals(new Award(false, BTT, BigInteger.ZERO), auction.awards().get("a"));
    auction.setOverCredit("a", false);
    assertEquals(List.of("a", "b"), auction.choose(interested("a", "b", "c"), 8));
    assertEquals(BigInteger.TEN, auction.awards().get("a").price());
  }

  @Test
  void onlyInterestedPeersBidsCount() {
    SlotAuction<String> auction = threeBidders(Map.of());
    assertEquals(List.of("b", "c"), auction.choose(interested("b", "c"), 8));
    assertEquals(
        BigInteger.ONE, auction.awards().get("b").price(), "a is not interested: no loser");
  }

  @Test
  void theChokersSlotCountCapsTheWinners() {
    SlotAuction<String> auction = threeBidders(Map.of());
    assertEquals(List.of("a"), auction.choose(interested("a", "b", "c"), 1));
    assertEquals(BigInteger.valueOf(20), auction.awards().get("a").price());
  }

  @Test
  void withdrawnBidsAndAssetsWithoutAnAskDoNotWin() {
    SlotAuction<String> auction = threeBidders(Map.of());
    auction.withdraw("a");
    auction.bid("d", OTHER, BigInteger.valueOf(1000));
    assertEquals(List.of("b", "c"), auction.choose(interested("a", "b", "c", "d"), 8));
    assertEquals(Set.of("b", "c", "d"), auction.awards().keySet());
    auction.clearAsk(BTT);
    assertEquals(List.of(), auction.choose(interested("b", "c"), 8));
  }

  @Test
  void raisingABidIsANewBidForTies() {
    SlotAuction<String> auction = new SlotAuction<>(1, p -> 0L, a -> {});
    auction.setAsk(BTT, BigInteger.ONE);
    auction.bid("a", BTT, BigInteger.valueOf(5));
    auction.bid("b", BTT, BigInteger.valueOf(10));
    auction.bid("a", BTT, BigInteger.valueOf(10));
    assertEquals(List.of("b"), auction.choose(interested("a", "b"), 8));
    auction.bid("b", BTT, BigInteger.valueOf(10)); // same bid again keeps its time
    assertEquals(List.of("b"), auction.choose(interested("a", "b"), 8));
  }

  @Test
  void bidsInTwoAssetsCompareRelativeToTheirAsksAndClearPerAsset() {
    SlotAuction<String> auction = new SlotAuction<>(2, p -> 0L, a -> {});
    auction.setAsk(BTT, BigInteger.valueOf(10));
    auction.setAsk(OTHER, BigInteger.valueOf(1000));
    auction.bid("a", BTT, BigInteger.valueOf(30)); // 3× ask
    auction.bid("b", OTHER, BigInteger.valueOf(2000)); // 2× ask
    auction.bid("c", OTHER, BigInteger.valueOf(1500)); // 1.5× ask, loses
    assertEquals(List.of("a", "b"), auction.choose(interested("a", "b", "c"), 8));
    assertEquals(BigInteger.TEN, auction.awards().get("a").price(), "no BTT loser");
    assertEquals(BigInteger.valueOf(1500), auction.awards().get("b").price());
  }
}
