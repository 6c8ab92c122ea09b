package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.ContractArtifacts;
import io.bttspeed.contracts.token.BttTokenContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tron.trident.abi.datatypes.Function;
import org.tron.trident.api.GrpcAPI.BytesMessage;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.SmartContractDataWrapper;
import org.tron.trident.proto.Response.TransactionExtention;

/** The contract lookups and calls of the Wallet API answer as java-tron's do. */
class ContractQueriesTest {
  @Test
  void genesisContractsAreDeployedWithTheirAbiAndRuntimeCode() {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
        TridentSession session = new TridentSession(devnet, devnet.developmentAccounts().get(0))) {
      ApiWrapper api = session.api;
      BytesMessage token =
          BytesMessage.newBuilder()
              .setValue(ApiWrapper.parseAddress(devnet.bttTokenAddress()))
              .build();
      SmartContract contract = api.blockingStub.getContract(token);
      assertEquals("BttToken", contract.getName());
      assertEquals(ApiWrapper.parseAddress(devnet.witnessAddress()), contract.getOriginAddress());
      assertTrue(
          contract.getAbi().getEntrysList().stream().anyMatch(e -> e.getName().equals("transfer")));
      SmartContractDataWrapper info = api.blockingStub.getContractInfo(token);
      assertArrayEquals(
          ContractArtifacts.bttToken().runtimeBytecode(), info.getRuntimeCode().toByteArray());
      for (String hub :
          List.of(devnet.speedChannelsAddress(), devnet.speedChannelsTrc10Address())) {
        assertFalse(
            api.blockingStub
                .getContractInfo(
                    BytesMessage.newBuilder().setValue(ApiWrapper.parseAddress(hub)).build())
                .getRuntimeCode()
                .isEmpty(),
            hub);
      }
      assertFalse(
          api.blockingStub
              .getContract(
                  BytesMessage.newBuilder()
                      .setValue(
                          ApiWrapper.parseAddress(devnet.developmentAccounts().get(1).address()))
                      .build())
              .hasAbi(),
          "an ordinary account has no contract");
    }
  }

  @Test
  void triggerConstantContractBuildsAHeadBlockTransactionAndReportsTheRevert() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
        TridentSession session = new TridentSession(devnet, devnet.developmentAccounts().get(0))) {
      ApiWrapper api = session.api;
      DevelopmentAccount poor = devnet.developmentAccounts().get(0);
      // transfer(to, 10^30) reverts: nobody holds that much.
      byte[] data =
          BttTokenContract.transfer(
                  io.bttspeed.contracts.EvmAddress.fromTron(
                      ApiWrapper.parseAddress(devnet.witnessAddress()).toByteArray()),
                  java.math.BigInteger.TEN.pow(30))
              .bytes();
      TransactionExtention answer =
          api.blockingStub.triggerConstantContract(
              TriggerSmartContract.newBuilder()
                  .setOwnerAddress(ApiWrapper.parseAddress(poor.address()))
                  .setContractAddress(ApiWrapper.parseAddress(devnet.bttTokenAddress()))
                  .setData(ByteString.copyFrom(data))
                  .build());
      assertEquals("REVERT opcode executed", answer.getResult().getMessage().toStringUtf8());
      assertTrue(answer.getEnergyUsed() > 0);
      assertEquals(
          org.tron.trident.proto.Chain.Transaction.Result.contractResult.REVERT,
          answer.getTransaction().getRet(0).getContractRet());
      assertEquals(
          "BTT: insufficient balance",
          io.bttspeed.contracts.abi.RevertReason.decode(answer.getConstantResult(0).toByteArray())
              .orElseThrow());
      var raw = answer.getTransaction().getRawData();
      assertEquals(
          api.getNowBlock().getBlockHeader().getRawData().getTimestamp() + 60_000,
          raw.getExpiration());

      TransactionExtention ok =
          api.constantCall(
              poor.address(),
              devnet.bttTokenAddress(),
              new Function("totalSupply", List.of(), List.of()));
      assertTrue(ok.getResult().getResult());
      assertTrue(ok.getResult().getMessage().isEmpty());
    }
  }
}
