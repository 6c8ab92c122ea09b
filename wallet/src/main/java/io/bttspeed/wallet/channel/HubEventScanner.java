package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.wallet.chain.ChannelGateway;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The channels the hubs' events (opened, topped up, extended, settled, closed, reclaimed) touched
 * in the blocks since the last scan, read block by block from the node's transaction infos, so the
 * watcher reconciles those channels instead of reading every channel's state each round. Its
 * position is in memory: a new process, one that fell more than {@link #MAX_BLOCKS} behind, or one
 * whose scan failed reconciles everything once and scans on from the head it saw then.
 */
final class HubEventScanner {

  /** About 50 minutes of TRON blocks: further behind, one full round is cheaper than the scan. */
  static final int MAX_BLOCKS = 1_000;

  private final ChannelGateway gateway;
  private final Map<EvmAddress, ChannelHub> hubs = new HashMap<>();

  /** The first block not yet scanned; negative before the first scan. */
  private long next = -1;

  HubEventScanner(ChannelGateway gateway, ChannelHubs hubs) {
    this.gateway = gateway;
    hubs.hubs().forEach(h -> this.hubs.put(ChannelHub.evm(h.address()), h));
  }

  /**
   * The channels touched since the previous call; empty when the caller must reconcile every
   * channel (first call, too far behind, or the scan failed), which it must do before the next call
   * for nothing to be missed.
   */
  synchronized Optional<Set<ChannelId>> touched() {
    long head = gateway.headBlockNumber();
    if (next < 0 || head - next >= MAX_BLOCKS) {
      next = head + 1;
      return Optional.empty();
    }
    Set<ChannelId> ids = new HashSet<>();
    try {
      for (long n = next; n <= head; n++) {
        for (EventLog log : gateway.blockLogs(n)) {
          ChannelHub hub = hubs.get(log.address());
          if (hub != null) {
            hub.decodeEvent(log).ifPresent(e -> ids.add(e.channelId()));
          }
        }
      }
    } catch (RuntimeException e) {
      next = head + 1;
      throw e;
    }
    next = head + 1;
    return Optional.of(ids);
  }
}
