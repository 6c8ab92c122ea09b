package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.chain.Genesis;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Response.TransactionInfo;

/** A devnet reopened from its data directory continues the same chain; --reset starts it over. */
class RestartTest {
  @TempDir Path dataDir;

  @Test
  void restartKeepsBalancesBlocksAndTransactionLookups() throws Exception {
    DevnetConfig config = DevnetConfig.persistent(dataDir).withPort(0).withInstantBlocks();
    String txId;
    long aliceBalance;
    long bobBtt;
    long head;
    String headId;
    long chainId;
    DevelopmentAccount alice;
    DevelopmentAccount bob;
    try (Devnet devnet = Devnet.start(config)) {
      alice = devnet.developmentAccounts().get(0);
      bob = devnet.developmentAccounts().get(1);
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      api.broadcastTransaction(
          api.signTransaction(api.transfer(alice.address(), bob.address(), 10)));
      txId =
          api.broadcastTransaction(
              api.signTransaction(
                  api.transferTrc10(
                      alice.address(), bob.address(), Integer.parseInt(Genesis.BTT_TOKEN_ID), 99)));
      aliceBalance = api.getAccountBalance(alice.address());
      bobBtt = api.getAccount(bob.address()).getAssetV2OrThrow(Genesis.BTT_TOKEN_ID);
      head = api.getNowBlock().getBlockHeader().getRawData().getNumber();
      headId = ApiWrapper.toHex(api.getBlockByNum(head).getBlockid());
      chainId = devnet.chainId();
      api.close();
    }

    try (Devnet devnet = Devnet.start(config)) {
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      assertEquals(chainId, devnet.chainId());
      assertEquals(head, api.getNowBlock().getBlockHeader().getRawData().getNumber());
      assertEquals(headId, ApiWrapper.toHex(api.getBlockByNum(head).getBlockid()));
      assertEquals(aliceBalance, api.getAccountBalance(alice.address()));
      assertEquals(bobBtt, api.getAccount(bob.address()).getAssetV2OrThrow(Genesis.BTT_TOKEN_ID));
      TransactionInfo info = api.getTransactionInfoById(txId);
      assertEquals(head, info.getBlockNumber());
      assertEquals(1, api.getTransactionById(txId).getRetCount());

      String next =
          api.broadcastTransaction(
              api.signTransaction(api.transfer(alice.address(), bob.address(), 11)));
      assertEquals(
          head + 1, api.getTransactionInfoById(next).getBlockNumber(), "the chain goes on");
      api.close();
    }

    try (Devnet devnet = Devnet.start(config.withReset(true))) {
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      assertEquals(
          1,
          api.getNowBlock().getBlockHeader().getRawData().getNumber(),
          "genesis plus the start block");
      assertEquals(1_000_000_000_000L, api.getAccountBalance(alice.address()));
      assertEquals(chainId, devnet.chainId(), "genesis is deterministic");
      api.close();
    }
  }

  @Test
  void intervalModeSealsPendingTransactionsOnClose() throws Exception {
    DevnetConfig config =
        DevnetConfig.persistent(dataDir)
            .withPort(0)
            .withBlockInterval(java.time.Duration.ofHours(1));
    String txId;
    DevelopmentAccount alice;
    try (Devnet devnet = Devnet.start(config)) {
      alice = devnet.developmentAccounts().get(0);
      DevelopmentAccount bob = devnet.developmentAccounts().get(1);
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      txId =
          api.broadcastTransaction(
              api.signTransaction(api.transfer(alice.address(), bob.address(), 5)));
      assertEquals(1, devnet.node().pendingCount(), "accepted but not yet in a block");
      api.close();
    }
    try (Devnet devnet = Devnet.start(config)) {
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      assertTrue(api.getTransactionInfoById(txId).getBlockNumber() > 0);
      api.close();
    }
  }
}
