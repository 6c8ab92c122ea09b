package io.bttspeed.devnet.chain;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.bttspeed.contracts.ContractArtifact;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.channel.SpeedChannelsContract;
import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.devnet.chain.actuator.Actuator;
import io.bttspeed.devnet.chain.actuator.Actuators;
import io.bttspeed.devnet.chain.contract.AbiProtos;
import io.bttspeed.devnet.chain.contract.CreateSmartContractActuator;
import io.bttspeed.devnet.chain.contract.VmEnvironment;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.devnet.tvm.Tvm;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.CreateSmartContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;

/**
 * The contracts the devnet deploys at genesis, by the witness, at addresses that follow from the
 * (fixed) deployment transactions: the TRC-20 BTT token (minting each development account its
 * share), the TRC-20 channel hub and the TRC-10 channel hub. They run through the same actuators as
 * any contract transaction.
 */
final class GenesisContracts {
  /** What the deployer may burn for each genesis contract transaction, in sun. */
  private static final long FEE_LIMIT = 1_000_000_000L;

  private static final long ORIGIN_ENERGY_LIMIT = 10_000_000L;

  private final List<Transaction> transactions = new ArrayList<>();
  private final List<TronAddress> deployed = new ArrayList<>();

  /** The addresses of the three contracts, in deployment order. */
  record Addresses(
      TronAddress bttToken, TronAddress speedChannels, TronAddress speedChannelsTrc10) {}

  /**
   * @param bttUnitsEach TRC-20 BTT per development account, in 10^-18 BTT
   * @param witnessBttUnits TRC-20 BTT the deployer keeps
   */
  GenesisContracts(
      TronAddress witness,
      List<TronAddress> accounts,
      BigInteger bttUnitsEach,
      BigInteger witnessBttUnits,
      long timestampMs) {
    ContractArtifact token = BttTokenContract.artifact();
    add(witness, timestampMs, create(witness, token, BttTokenContract.deployData(witnessBttUnits)));
    TronAddress tokenAddress = deployed.get(0);
    for (TronAddress account : accounts) {
      add(
          witness,
          timestampMs,
          TriggerSmartContract.newBuilder()
              .setOwnerAddress(witness.toByteString())
              .setContractAddress(tokenAddress.toByteString())
              .setData(
                  ByteString.copyFrom(
                      BttTokenContract.mint(
                              EvmAddress.fromTron(account.toByteArray()), bttUnitsEach)
                          .bytes()))
              .build());
    }
    add(
        witness,
        timestampMs,
        create(witness, SpeedChannelsContract.artifact(), SpeedChannelsContract.deployData()));
    add(
        witness,
        timestampMs,
        create(
            witness,
            SpeedChannelsTrc10Contract.artifact(),
            SpeedChannelsTrc10Contract.deployData()));
  }

  List<Transaction> transactions() {
    return transactions;
  }

  Addresses addresses() {
    return new Addresses(deployed.get(0), deployed.get(1), deployed.get(2));
  }

  /** Runs the deployment transactions on a scope holding the rest of the genesis state. */
  void execute(
      TxScope scope,
      ChainParameters parameters,
      long chainId,
      TronAddress witness,
      long timestampMs) {
    VmEnvironment environment =
        new VmEnvironment(new Tvm(), chainId, witness, parameters.energyFee(), number -> Word.ZERO);
    Actuators actuators = new Actuators(parameters, environment);
    BlockContext block = new BlockContext(-1, timestampMs - 1, 0, timestampMs);
    for (Transaction transaction : transactions) {
      try {
        Actuator actuator =
            actuators.forContract(
                transaction.getRawData().getContract(0),
                Blocks.txId(transaction),
                transaction.getRawData().getFeeLimit());
        actuator.validate(scope, block);
        Actuator.Outcome outcome = actuator.execute(scope, block);
        if (outcome.vm().isEmpty() || !outcome.vm().get().succeeded()) {
          throw new IllegalStateException(
              "genesis contract transaction failed: "
                  + outcome
                      .vm()
                      .map(vm -> vm.result() + " " + vm.message())
                      .orElse("no execution"));
        }
      } catch (Rejection rejection) {
        throw new IllegalStateException(
            "genesis contract transaction rejected: " + rejection.getMessage(), rejection);
      }
    }
  }

  private void add(TronAddress witness, long timestampMs, Message contract) {
    boolean creation = contract instanceof CreateSmartContract;
    Transaction transaction =
        Transaction.newBuilder()
            .setRawData(
                Transaction.raw
                    .newBuilder()
                    // A distinct timestamp per transaction keeps every genesis txid, and so every
                    // address, unique.
                    .setTimestamp(timestampMs + transactions.size())
                    .setFeeLimit(FEE_LIMIT)
                    .addContract(
                        Transaction.Contract.newBuilder()
                            .setType(
                                creation
                                    ? Transaction.Contract.ContractType.CreateSmartContract
                                    : Transaction.Contract.ContractType.TriggerSmartContract)
                            .setParameter(Any.pack(contract))))
            .build();
    transactions.add(transaction);
    if (creation) {
      deployed.add(CreateSmartContractActuator.addressFor(Blocks.txId(transaction), witness));
    }
  }

  private static CreateSmartContract create(
      TronAddress witness, ContractArtifact artifact, byte[] deployData) {
    return CreateSmartContract.newBuilder()
        .setOwnerAddress(witness.toByteString())
        .setNewContract(
            SmartContract.newBuilder()
                .setOriginAddress(witness.toByteString())
                .setName(artifact.name())
                .setAbi(AbiProtos.fromJson(artifact.abiJson()))
                .setBytecode(ByteString.copyFrom(deployData))
                .setConsumeUserResourcePercent(100)
                .setOriginEnergyLimit(ORIGIN_ENERGY_LIMIT))
        .build();
  }
}
