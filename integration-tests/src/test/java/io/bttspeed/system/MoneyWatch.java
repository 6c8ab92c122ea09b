package io.bttspeed.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;

/**
 * The fault run's money invariants, polled throughout: what the seeder daemon accepted and what the
 * payee's wallet stored never go down, and the daemon never counts more than its wallet stored.
 */
final class MoneyWatch {
  /** Observed so far; each may only grow. */
  private BigInteger seederAccepted = BigInteger.ZERO;

  private BigInteger payeeStored = BigInteger.ZERO;

  /**
   * Reads what the seeder daemon accepted and what the payee's wallet stored, and checks that
   * neither ever went down and that the daemon never counted a voucher its wallet had not stored.
   * Returns the daemon's accepted total. A component that is down is skipped.
   */
  BigInteger observe(SystemSwarm.Daemon seeder) {
    try {
      PeerMoney earned = DaemonViews.earnings(seeder);
      BigInteger accepted =
          earned == null ? BigInteger.ZERO : new BigInteger(earned.getVoucheredBaseUnits());
      assertTrue(
          accepted.compareTo(seederAccepted) >= 0,
          "the seeder's accepted total went down from " + seederAccepted + " to " + accepted);
      seederAccepted = accepted;
    } catch (StatusRuntimeException down) {
      // The seeder daemon is down.
    }
    try {
      var payee =
          seeder
              .channels()
              .listChannels(
                  ListChannelsRequest.newBuilder().setRole(ChannelRole.CHANNEL_ROLE_PAYEE).build())
              .getChannelsList();
      assertTrue(payee.size() <= 1, "one channel from the one payer: " + payee);
      BigInteger stored =
          payee.isEmpty() ? BigInteger.ZERO : new BigInteger(payee.get(0).getCumulativeBaseUnits());
      assertTrue(
          stored.compareTo(payeeStored) >= 0,
          "the payee's stored voucher went down from " + payeeStored + " to " + stored);
      payeeStored = stored;
      assertTrue(
          seederAccepted.compareTo(payeeStored) <= 0,
          "the seeder counted " + seederAccepted + " but its wallet stored only " + payeeStored);
    } catch (StatusRuntimeException down) {
      // The wallet service is down.
    }
    return seederAccepted;
  }
}
