package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.contracts.channel.SpeedChannelsContract;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * Attacks on SpeedChannels with the devnet's TRC-20 BTT, plus the token pull only this hub makes.
 */
class Trc20ChannelAttackTest extends ChannelAttackCases {
  @Override
  ChannelHub hub(Devnet devnet, TridentCalls calls) {
    return new Trc20Hub(devnet, calls);
  }

  @Test
  void openWithoutAnAllowanceRevertsWithTheTokenFailureAndRecordsNothing() throws Exception {
    DevelopmentAccount neverApproved = devnet.developmentAccounts().get(4);
    BigInteger balanceBefore = hub.balanceOf(neverApproved.address());
    Holdings before = holdings();
    BigInteger nonce = hub.nonce(neverApproved.address());

    TransactionInfo info =
        calls.send(
            neverApproved,
            hub.address(),
            SpeedChannelsContract.open(
                ChannelHub.evm(payee.address()),
                ChannelHub.evm(devnet.bttTokenAddress()),
                DEPOSIT,
                expiry()));

    assertRevertedWith("token: transfer failed", info);
    assertEquals(balanceBefore, hub.balanceOf(neverApproved.address()));
    assertEquals(before, holdings());
    assertEquals(
        nonce,
        hub.nonce(neverApproved.address()),
        "the nonce increment is rolled back with the rest");
  }
}
