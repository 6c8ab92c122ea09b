package io.bttspeed.wallet.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.error.FailedPreconditionException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one node adapter seen through each consumer's interface, on the real devnet: both estimate
 * energy the same way, and a call the contract would revert is refused (FAILED_PRECONDITION) before
 * anything is signed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TridentGatewayTest {

  /** More BTT than the devnet ever minted: its transfer reverts whoever sends it. */
  private static final BigInteger MORE_THAN_EXISTS = BigInteger.TEN.pow(40);

  private Devnet devnet;
  private TridentGateway node;
  private TronAddress sender;
  private TronAddress recipient;
  private TronAddress btt;

  @BeforeAll
  void start() {
    devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
    node =
        TridentGateway.connect(
            devnet.target(), devnet.target(), Duration.ofSeconds(30), Clock.systemUTC());
    sender = TronAddress.parse(devnet.developmentAccounts().get(1).address());
    recipient = TronAddress.parse(devnet.developmentAccounts().get(2).address());
    btt = TronAddress.parse(devnet.bttTokenAddress());
  }

  @AfterAll
  void stop() {
    node.close();
    devnet.close();
  }

  @Test
  void transfersAreRefusedAnEstimateForATokenTransferTheContractWouldRevert() {
    TronGateway transfers = node;
    assertTrue(transfers.estimateTrc20TransferEnergy(sender, btt, recipient, BigInteger.ONE) > 0);

    CallRejectedException e =
        assertThrows(
            CallRejectedException.class,
            () -> transfers.estimateTrc20TransferEnergy(sender, btt, recipient, MORE_THAN_EXISTS));
    assertTrue(e instanceof FailedPreconditionException);
    assertTrue(e.getMessage().contains(btt.toString()), e.getMessage());
  }

  @Test
  void channelsAreRefusedTheSameEstimateWithTheSameReason() {
    ChannelGateway channels = node;
    assertEquals(
        node.estimateTrc20TransferEnergy(sender, btt, recipient, BigInteger.ONE),
        channels.estimateEnergy(
            sender,
            btt,
            BttTokenContract.transfer(EvmAddress.fromTron(recipient), BigInteger.ONE),
            Optional.empty()));

    CallRejectedException viaChannels =
        assertThrows(
            CallRejectedException.class,
            () ->
                channels.estimateEnergy(
                    sender,
                    btt,
                    BttTokenContract.transfer(EvmAddress.fromTron(recipient), MORE_THAN_EXISTS),
                    Optional.empty()));
    CallRejectedException viaTransfers =
        assertThrows(
            CallRejectedException.class,
            () -> node.estimateTrc20TransferEnergy(sender, btt, recipient, MORE_THAN_EXISTS));
    assertEquals(viaTransfers.getMessage(), viaChannels.getMessage());
  }
}
