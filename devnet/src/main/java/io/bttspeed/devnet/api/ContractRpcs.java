package io.bttspeed.devnet.api;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.contract.VmReceipt;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.node.TronNode;
import io.bttspeed.tron.address.TronAddress;
import java.time.Clock;
import java.util.Arrays;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.CreateSmartContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.EstimateEnergyMessage;
import org.tron.trident.proto.Response.SmartContractDataWrapper;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionReturn;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * The contract calls of the Wallet API: building unsigned contract transactions on the head block
 * (as java-tron does, expiring 60 s after it), constant calls, energy estimates and contract
 * lookups.
 */
final class ContractRpcs {
  private static final long EXPIRATION_MS = 60_000;

  private final TronNode node;
  private final Clock clock;

  ContractRpcs(TronNode node, Clock clock) {
    this.node = node;
    this.clock = clock;
  }

  TransactionExtention deploy(CreateSmartContract contract) {
    return unsigned(Transaction.Contract.ContractType.CreateSmartContract, contract);
  }

  TransactionExtention trigger(TriggerSmartContract contract) {
    return unsigned(Transaction.Contract.ContractType.TriggerSmartContract, contract);
  }

  /** TriggerConstantContract: the unsigned transaction plus what running it now would return. */
  TransactionExtention triggerConstant(TriggerSmartContract contract) {
    TransactionExtention built =
        unsigned(Transaction.Contract.ContractType.TriggerSmartContract, contract);
    Hash32 txId = Hash32.of(built.getTxid());
    try {
      VmReceipt receipt = node.constantCall(contract, txId);
      TransactionReturn.Builder result =
          TransactionReturn.newBuilder().setResult(true).setCode(response_code.SUCCESS);
      if (!receipt.succeeded()) {
        result.setMessage(ByteString.copyFromUtf8(receipt.message()));
      }
      Transaction transaction =
          built.getTransaction().toBuilder()
              .addRet(
                  Transaction.Result.newBuilder()
                      .setRet(
                          receipt.succeeded()
                              ? Transaction.Result.code.SUCESS
                              : Transaction.Result.code.FAILED)
                      .setContractRet(receipt.result()))
              .build();
      return built.toBuilder()
          .setTransaction(transaction)
          .addConstantResult(receipt.returnData())
          .setEnergyUsed(receipt.energyUsed())
          .addAllLogs(receipt.logs())
          .addAllInternalTransactions(receipt.internalTransactions())
          .setResult(result)
          .build();
    } catch (Rejection rejection) {
      return TransactionExtention.newBuilder().setResult(failure(rejection)).build();
    }
  }

  EstimateEnergyMessage estimate(TriggerSmartContract contract) {
    TransactionExtention built =
        unsigned(Transaction.Contract.ContractType.TriggerSmartContract, contract);
    try {
      long required = node.estimateEnergy(contract, Hash32.of(built.getTxid()));
      return EstimateEnergyMessage.newBuilder()
          .setResult(TransactionReturn.newBuilder().setResult(true).setCode(response_code.SUCCESS))
          .setEnergyRequired(required)
          .build();
    } catch (Rejection rejection) {
      return EstimateEnergyMessage.newBuilder().setResult(failure(rejection)).build();
    }
  }

  /** GetContract: the contract's metadata (ABI, origin, settings) with its deployed bytecode. */
  SmartContract contract(ByteString address) {
    if (!TronAddress.isValid(address.toByteArray())) {
      return SmartContract.getDefaultInstance();
    }
    return node.contract(TronAddress.of(address)).orElse(SmartContract.getDefaultInstance());
  }

  /** GetContractInfo: the metadata and the runtime code. */
  SmartContractDataWrapper contractInfo(ByteString address) {
    if (!TronAddress.isValid(address.toByteArray())) {
      return SmartContractDataWrapper.getDefaultInstance();
    }
    TronAddress parsed = TronAddress.of(address);
    return node.contract(parsed)
        .map(
            found ->
                SmartContractDataWrapper.newBuilder()
                    .setSmartContract(found)
                    .setRuntimeCode(node.runtimeCode(parsed))
                    .build())
        .orElse(SmartContractDataWrapper.getDefaultInstance());
  }

  private TransactionExtention unsigned(Transaction.Contract.ContractType type, Message contract) {
    Block head = node.headBlock();
    long number = head.getBlockHeader().getRawData().getNumber();
    byte[] id = Blocks.blockId(head).toByteArray();
    Transaction transaction =
        Transaction.newBuilder()
            .setRawData(
                Transaction.raw
                    .newBuilder()
                    .setRefBlockBytes(
                        ByteString.copyFrom(new byte[] {(byte) (number >>> 8), (byte) number}))
                    .setRefBlockHash(ByteString.copyFrom(Arrays.copyOfRange(id, 8, 16)))
                    .setExpiration(
                        head.getBlockHeader().getRawData().getTimestamp() + EXPIRATION_MS)
                    .setTimestamp(clock.millis())
                    .addContract(
                        Transaction.Contract.newBuilder()
                            .setType(type)
                            .setParameter(Any.pack(contract))))
            .build();
    return TransactionExtention.newBuilder()
        .setTransaction(transaction)
        .setTxid(Blocks.txId(transaction).toByteString())
        .setResult(TransactionReturn.newBuilder().setResult(true).setCode(response_code.SUCCESS))
        .build();
  }

  private static TransactionReturn failure(Rejection rejection) {
    return TransactionReturn.newBuilder()
        .setResult(false)
        .setCode(rejection.code())
        .setMessage(ByteString.copyFromUtf8(rejection.getMessage()))
        .build();
  }
}
