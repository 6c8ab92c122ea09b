package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.contracts.MutableClock;
import io.bttspeed.proto.devnet.v1.AdvanceTimeRequest;
import io.bttspeed.proto.devnet.v1.AdvanceTimeResponse;
import io.bttspeed.proto.devnet.v1.DevnetControlGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.core.ApiWrapper;

/**
 * {@code bttspeed.devnet.v1.DevnetControl.AdvanceTime}: the head shows the new time at once,
 * transactions go on after it, a restarted devnet resumes from it, steps from many threads add up,
 * and a bad step changes nothing. The wall clock stands still unless the test moves it.
 */
class DevnetControlTest {
  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  private static final long DAY_S = 24 * 60 * 60;

  @TempDir Path dataDir;

  private final MutableClock wall = new MutableClock(START);

  private DevnetConfig config() {
    return DevnetConfig.persistent(dataDir).withPort(0).withInstantBlocks().withClock(wall);
  }

  @Test
  void theHeadShowsTheNewTimeAndTheChainGoesOnFromItAlsoAfterARestart() throws Exception {
    DevelopmentAccount alice;
    DevelopmentAccount bob;
    long advancedTo;
    try (Devnet devnet = Devnet.start(config())) {
      alice = devnet.developmentAccounts().get(0);
      bob = devnet.developmentAccounts().get(1);
      AdvanceTimeResponse moved = advance(devnet, 3 * DAY_S);
      advancedTo = moved.getHeadTimestampMs();
      assertEquals(START.plusSeconds(3 * DAY_S).toEpochMilli(), advancedTo);

      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      try {
        assertEquals(
            moved.getHeadBlockNumber(),
            api.getNowBlock().getBlockHeader().getRawData().getNumber());
        assertEquals(advancedTo, api.getNowBlock().getBlockHeader().getRawData().getTimestamp());
        // A transaction built on the new head lands after it.
        String txid =
            api.broadcastTransaction(
                api.signTransaction(api.transfer(alice.address(), bob.address(), 5)));
        assertTrue(api.getTransactionInfoById(txid).getBlockTimeStamp() > advancedTo);
      } finally {
        api.close();
      }
    }

    // Restarted: the chain's time goes on from its head as the wall clock moves, rather than
    // standing still (a block at head + 1 ms each) until the wall clock reaches it.
    try (Devnet devnet = Devnet.start(config())) {
      wall.advance(Duration.ofSeconds(10));
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      try {
        String txid =
            api.broadcastTransaction(
                api.signTransaction(api.transfer(alice.address(), bob.address(), 6)));
        long stamped = api.getTransactionInfoById(txid).getBlockTimeStamp();
        assertTrue(
            stamped >= advancedTo + 10_000, "stamped " + stamped + ", advanced to " + advancedTo);
        assertTrue(
            stamped < advancedTo + 20_000, "stamped " + stamped + ", advanced to " + advancedTo);
      } finally {
        api.close();
      }
    }
  }

  @Test
  void stepsFromManyThreadsReleasedTogetherAddUp() throws Exception {
    int threads = 8;
    try (Devnet devnet = Devnet.start(config())) {
      long before = devnet.node().headTimeMs();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AdvanceTimeResponse>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    return advance(devnet, 60);
                  }));
        }
        go.countDown();
        for (Future<AdvanceTimeResponse> call : calls) {
          call.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      long after = devnet.node().headTimeMs();
      long expected = START.plusSeconds(threads * 60L).toEpochMilli();
      // Each call seals a block; two seals after the same step are 1 ms apart.
      assertTrue(
          after >= expected && after <= expected + threads,
          "head at "
              + after
              + ", wall clock plus "
              + threads
              + " steps is "
              + expected
              + ", from "
              + before);
    }
  }

  @Test
  void aStepOfNothingOrAboveAYearIsRefusedAndChangesNothing() {
    try (Devnet devnet = Devnet.start(config())) {
      long head = devnet.node().headNumber();
      long time = devnet.node().headTimeMs();
      for (long seconds : new long[] {0, 366 * DAY_S + 1, -1 /* 2^64 - 1 as a uint64 */}) {
        StatusRuntimeException refused =
            assertThrows(StatusRuntimeException.class, () -> advance(devnet, seconds));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("seconds must be 1 to 31622400"));
      }
      assertEquals(head, devnet.node().headNumber());
      assertEquals(time, devnet.node().headTimeMs());
      assertEquals(
          START.plusSeconds(366 * DAY_S).toEpochMilli(),
          advance(devnet, 366 * DAY_S).getHeadTimestampMs());
    }
  }

  @Test
  void aStepPastYear9999IsOutOfRangeAndChangesNothing() {
    MutableClock late = new MutableClock(Instant.parse("9999-06-01T00:00:00Z"));
    DevnetConfig config =
        DevnetConfig.persistent(dataDir).withPort(0).withInstantBlocks().withClock(late);
    try (Devnet devnet = Devnet.start(config)) {
      long head = devnet.node().headNumber();
      long time = devnet.node().headTimeMs();
      StatusRuntimeException refused =
          assertThrows(StatusRuntimeException.class, () -> advance(devnet, 366 * DAY_S));
      assertEquals(Status.Code.OUT_OF_RANGE, refused.getStatus().getCode());
      assertTrue(refused.getStatus().getDescription().contains("9999-12-31T23:59:59.999Z"));
      assertEquals(head, devnet.node().headNumber());
      assertEquals(time, devnet.node().headTimeMs());
      // The refused step moved nothing: a step that fits still lands exactly.
      assertEquals(
          Instant.parse("9999-06-02T00:00:00Z").toEpochMilli(),
          advance(devnet, DAY_S).getHeadTimestampMs());
    }
  }

  private static AdvanceTimeResponse advance(Devnet devnet, long seconds) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", devnet.port()).usePlaintext().build();
    try {
      return DevnetControlGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .advanceTime(AdvanceTimeRequest.newBuilder().setSeconds(seconds).build());
    } finally {
      channel.shutdownNow();
    }
  }
}
