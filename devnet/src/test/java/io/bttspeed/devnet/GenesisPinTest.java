package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tron.trident.api.GrpcAPI.BytesMessage;
import org.tron.trident.core.ApiWrapper;

/**
 * The README promises a deterministic genesis: the same chain id and contract addresses on every
 * machine and in every version (wallets configure hubs and TIP-712 domains by them). These literals
 * are that promise; a change that moves any of them is a breaking change, not a test to update.
 */
class GenesisPinTest {
  private static final long CHAIN_ID = 0x08fa37b7L;
  private static final String GENESIS_BLOCK_ID =
      "0000000000000000a7ec1061c05f32e82cf307e5a1632395ca73c75008fa37b7";
  private static final String BTT_TRC20 = "TBrbrqddYdmMR8uCTH3dS2Wkaj7gnV1aT4";
  private static final String SPEED_CHANNELS = "TQtey1U4qqpPtLeNYVzVSJER3e6RDNYjLV";
  private static final String SPEED_CHANNELS_TRC10 = "TN7FDeZDfLwg3Zuf926yhZzXHJGjY9KLto";
  private static final String WITNESS = "TXUNTC8vMNsuajEDdpFezYBQGsKxABCoWQ";
  private static final String ACCOUNT_0 = "TWer2Ygk5TEheHp3TPuYeqxmB6SsGZmaL6";
  private static final String ACCOUNT_0_KEY =
      "15f0bbb1774be40b7a8d7965d637f324bda2f711fc5726a3dcc19585c6950954";

  @Test
  void genesisIdentityIsPinned() {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      assertEquals(CHAIN_ID, devnet.chainId());
      assertEquals(GENESIS_BLOCK_ID, devnet.genesisBlockId());
      assertEquals(BTT_TRC20, devnet.bttTokenAddress());
      assertEquals(SPEED_CHANNELS, devnet.speedChannelsAddress());
      assertEquals(SPEED_CHANNELS_TRC10, devnet.speedChannelsTrc10Address());
      assertEquals(WITNESS, devnet.witnessAddress());
      assertEquals(10, devnet.developmentAccounts().size());
      assertEquals(ACCOUNT_0, devnet.developmentAccounts().get(0).address());
      assertEquals(ACCOUNT_0_KEY, devnet.developmentAccounts().get(0).privateKeyHex());
    }
  }

  @Test
  void theServedChainHasThePinnedGenesisBlockAndContracts() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), ACCOUNT_0_KEY);
      try {
        assertEquals(GENESIS_BLOCK_ID, ApiWrapper.toHex(api.getBlockByNum(0).getBlockid()));
        for (String contract : List.of(BTT_TRC20, SPEED_CHANNELS, SPEED_CHANNELS_TRC10)) {
          BytesMessage address =
              BytesMessage.newBuilder().setValue(ApiWrapper.parseAddress(contract)).build();
          assertFalse(
              api.blockingStub.getContract(address).getBytecode().isEmpty(),
              contract + " is deployed");
        }
      } finally {
        api.close();
      }
    }
  }

  @Test
  void chainParameterOverridesDoNotMoveTheGenesis() {
    DevnetConfig config =
        DevnetConfig.inMemory()
            .withInstantBlocks()
            .withParameter("getEnergyFee", 420)
            .withParameter("getTransactionFee", 10);
    try (Devnet devnet = Devnet.start(config)) {
      assertEquals(CHAIN_ID, devnet.chainId());
      assertEquals(GENESIS_BLOCK_ID, devnet.genesisBlockId());
      assertEquals(SPEED_CHANNELS, devnet.speedChannelsAddress());
    }
  }

  @Test
  void theGenesisKnownWithoutANodeIsThePinnedOneAndTheServedOne() {
    DevnetGenesis known = DevnetGenesis.standard();
    assertEquals(GENESIS_BLOCK_ID, known.blockId());
    assertEquals(CHAIN_ID, known.chainId());
    assertEquals(BTT_TRC20, known.bttTokenAddress());
    assertEquals(SPEED_CHANNELS, known.speedChannelsAddress());
    assertEquals(SPEED_CHANNELS_TRC10, known.speedChannelsTrc10Address());
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      assertEquals(devnet.developmentAccounts(), known.developmentAccounts());
    }
  }
}
