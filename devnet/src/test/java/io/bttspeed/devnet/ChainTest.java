package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.signing.Secp256k1;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tron.trident.api.GrpcAPI.BlockReq;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.BlockHeader;
import org.tron.trident.proto.Response.BlockExtention;

/**
 * Blocks are real TRON blocks: ids, parent links, Merkle roots, witness signatures, solidification.
 */
class ChainTest {
  @Test
  void blocksCarryTronHeadersSignedByTheWitness() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      DevelopmentAccount alice = devnet.developmentAccounts().get(0);
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      String txId =
          api.broadcastTransaction(
              api.signTransaction(
                  api.transfer(alice.address(), devnet.developmentAccounts().get(1).address(), 1)));
      long number = api.getTransactionInfoById(txId).getBlockNumber();

      BlockExtention block = api.getBlockByNum(number);
      BlockHeader.raw raw = block.getBlockHeader().getRawData();
      byte[] id = block.getBlockid().toByteArray();
      assertEquals(number, raw.getNumber());
      assertEquals(
          number, java.nio.ByteBuffer.wrap(id, 0, 8).getLong(), "the id starts with the number");
      assertTrue(
          Arrays.equals(
              Arrays.copyOfRange(Sha256.hash(raw.toByteArray()), 8, 32),
              Arrays.copyOfRange(id, 8, 32)),
          "the rest of the id is sha256(raw)");
      Block parent = api.getBlockById(ApiWrapper.toHex(raw.getParentHash()));
      assertEquals(number - 1, parent.getBlockHeader().getRawData().getNumber());
      Block full =
          api.blockingStub.getBlockByNum(
              org.tron.trident.api.GrpcAPI.NumberMessage.newBuilder().setNum(number).build());
      assertEquals(
          Blocks.merkleRoot(full.getTransactionsList()).toByteString(), raw.getTxTrieRoot());
      assertEquals(txId, ApiWrapper.toHex(block.getTransactions(0).getTxid()));
      TronAddress signer =
          Secp256k1.recover(
                  Sha256.hash(raw.toByteArray()),
                  block.getBlockHeader().getWitnessSignature().toByteArray())
              .orElseThrow();
      assertEquals(devnet.witnessAddress(), signer.base58());
      assertEquals(TronAddress.of(raw.getWitnessAddress()), signer);
      api.close();
    }
  }

  @Test
  void chainIdIsTheLastFourBytesOfTheGenesisBlockId() {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      String genesisId = devnet.genesisBlockId();
      assertEquals(Long.parseLong(genesisId.substring(56), 16), devnet.chainId());
      assertTrue(genesisId.startsWith("0000000000000000"), "the genesis block is number 0");
    }
  }

  @Test
  void solidityServiceSeesTransactionsOnlyOnceSolidified() throws Exception {
    try (Devnet devnet =
        Devnet.start(DevnetConfig.inMemory().withInstantBlocks().withSolidityLag(2))) {
      DevelopmentAccount alice = devnet.developmentAccounts().get(0);
      DevelopmentAccount bob = devnet.developmentAccounts().get(1);
      ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
      long bobBefore = api.getAccountSolidity(bob.address()).getBalance();
      String txId =
          api.broadcastTransaction(
              api.signTransaction(api.transfer(alice.address(), bob.address(), 1)));

      assertEquals(0, api.blockingStubSolidity.getTransactionById(bytes(txId)).getRetCount());
      assertEquals(bobBefore, api.getAccountSolidity(bob.address()).getBalance());
      assertEquals(
          Math.max(0, devnet.node().headNumber() - 2),
          api.getNowBlockSolidity().getBlockHeader().getRawData().getNumber());

      for (int i = 0; i < 2; i++) {
        api.broadcastTransaction(
            api.signTransaction(api.transfer(alice.address(), bob.address(), 1000 + i)));
      }
      assertEquals(1, api.getTransactionByIdSolidity(txId).getRetCount());
      assertEquals(bobBefore + 1, api.getAccountSolidity(bob.address()).getBalance());
      api.close();
    }
  }

  @Test
  void getBlockAnswersByNumberByIdAndForTheHead() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      ApiWrapper api =
          new ApiWrapper(
              devnet.target(),
              devnet.target(),
              devnet.developmentAccounts().get(0).privateKeyHex());
      BlockExtention head = api.blockingStub.getBlock(BlockReq.getDefaultInstance());
      assertEquals(
          1,
          head.getBlockHeader().getRawData().getNumber(),
          "a new devnet seals one block at start, so its head carries today's time, not genesis's");
      BlockExtention byNumber =
          api.blockingStub.getBlock(BlockReq.newBuilder().setIdOrNum("0").setDetail(true).build());
      assertEquals(
          35,
          byNumber.getTransactionsCount(),
          "genesis: BTT issue, witness TRX, 10 TRX and 10 BTT allocations, token deploy, 10 mints, 2 hubs");
      BlockExtention byId =
          api.blockingStub.getBlock(
              BlockReq.newBuilder().setIdOrNum(devnet.genesisBlockId()).build());
      assertEquals(byNumber.getBlockid(), byId.getBlockid());
      assertEquals(0, byId.getTransactionsCount(), "without detail, no transactions");
      assertFalse(
          api.blockingStub
              .getBlockByNum2(
                  org.tron.trident.api.GrpcAPI.NumberMessage.newBuilder().setNum(99).build())
              .hasBlockHeader(),
          "a block beyond the head is empty");
      assertTrue(
          api.getChainParameters().getChainParameterList().stream()
              .anyMatch(p -> p.getKey().equals("getEnergyFee") && p.getValue() == 100));
      api.close();
    }
  }

  private static org.tron.trident.api.GrpcAPI.BytesMessage bytes(String hex) {
    return org.tron.trident.api.GrpcAPI.BytesMessage.newBuilder()
        .setValue(ApiWrapper.parseHex(hex))
        .build();
  }
}
