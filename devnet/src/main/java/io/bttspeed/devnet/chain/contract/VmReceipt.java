package io.bttspeed.devnet.chain.contract;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.InternalTransaction;
import io.bttspeed.devnet.tvm.LogEntry;
import io.bttspeed.devnet.tvm.Outcome;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Keccak;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tron.trident.proto.Chain.Transaction.Result.contractResult;
import org.tron.trident.proto.Response;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * What a contract execution produced, in the shapes TransactionInfo and TransactionExtention carry.
 *
 * @param result java-tron's contract result code
 * @param energyUsed energy consumed (all of the limit after an exceptional halt)
 * @param energyFeeSun sun burned for that energy
 * @param returnData RETURN or REVERT data (constant_result / contractResult)
 * @param contractAddress the contract called or created, 21 bytes (java-tron's receipt field)
 * @param message java-tron's result message: "REVERT opcode executed" or the halt's reason
 */
public record VmReceipt(
    contractResult result,
    long energyUsed,
    long energyFeeSun,
    ByteString returnData,
    Optional<ByteString> contractAddress,
    List<TransactionInfo.Log> logs,
    List<Response.InternalTransaction> internalTransactions,
    String message) {

  /**
   * @param target the contract the transaction called or (would have) created: java-tron names it
   *     in every contract transaction's receipt, whether the execution succeeded or not
   */
  static VmReceipt of(ExecutionResult execution, long energyFee, Hash32 txId, TronAddress target) {
    List<TransactionInfo.Log> logs = new ArrayList<>();
    for (LogEntry log : execution.logs()) {
      TransactionInfo.Log.Builder builder =
          TransactionInfo.Log.newBuilder()
              .setAddress(ByteString.copyFrom(log.address().toBytes()))
              .setData(ByteString.copyFrom(log.data()));
      for (Word topic : log.topics()) {
        builder.addTopics(ByteString.copyFrom(topic.toBytes()));
      }
      logs.add(builder.build());
    }
    List<Response.InternalTransaction> internal = new ArrayList<>();
    for (InternalTransaction step : execution.internalTransactions()) {
      // java-tron lists the TRX value first (0 for a token transfer), then each token moved.
      Response.InternalTransaction.Builder builder =
          Response.InternalTransaction.newBuilder()
              .setHash(ByteString.copyFrom(internalHash(txId, step)))
              .setCallerAddress(ByteString.copyFrom(step.caller().toTron()))
              .setTransferToAddress(ByteString.copyFrom(step.transferTo().toTron()))
              .addCallValueInfo(
                  Response.InternalTransaction.CallValueInfo.newBuilder()
                      .setCallValue(step.callValueSun()))
              .setNote(ByteString.copyFromUtf8(step.note().wireName()))
              .setRejected(step.rejected());
      if (step.tokenId() != 0) {
        builder.addCallValueInfo(
            Response.InternalTransaction.CallValueInfo.newBuilder()
                .setTokenId(Long.toString(step.tokenId()))
                .setCallValue(step.tokenValue()));
      }
      internal.add(builder.build());
    }
    return new VmReceipt(
        resultCode(execution),
        execution.energyUsed(),
        Math.multiplyExact(execution.energyUsed(), energyFee),
        ByteString.copyFrom(execution.returnData()),
        Optional.of(target.toByteString()),
        logs,
        internal,
        message(execution));
  }

  /**
   * java-tron's internal transaction hash: keccak256(parent hash ‖ receiver ‖ data ‖ value ‖
   * nonce), the receiver empty for a creation and the value the TRX or token amount moved. The TVM
   * reports no call tree, so the parent is taken to be the transaction itself, which is exact for
   * calls made by the called contract.
   */
  private static byte[] internalHash(Hash32 txId, InternalTransaction step) {
    byte[] receiver =
        step.note() == InternalTransaction.Note.CREATE ? new byte[0] : step.transferTo().toTron();
    long value = step.tokenId() != 0 ? step.tokenValue() : step.callValueSun();
    byte[] data = step.data();
    ByteBuffer encoded = ByteBuffer.allocate(32 + receiver.length + data.length + 16);
    encoded.put(txId.toByteArray()).put(receiver).put(data).putLong(value).putLong(step.nonce());
    return Keccak.hash(encoded.array());
  }

  public boolean succeeded() {
    return result == contractResult.SUCCESS;
  }

  private static contractResult resultCode(ExecutionResult execution) {
    if (execution.outcome() == Outcome.SUCCESS) {
      return contractResult.SUCCESS;
    }
    if (execution.outcome() == Outcome.REVERT) {
      return contractResult.REVERT;
    }
    return switch (execution.haltReason().orElse(HaltReason.INVALID_OPCODE)) {
      case OUT_OF_ENERGY -> contractResult.OUT_OF_ENERGY;
      case BAD_JUMP_DESTINATION -> contractResult.BAD_JUMP_DESTINATION;
      case STACK_UNDERFLOW -> contractResult.STACK_TOO_SMALL;
      case STACK_OVERFLOW -> contractResult.STACK_TOO_LARGE;
      case MEMORY_LIMIT -> contractResult.OUT_OF_MEMORY;
      case INVALID_CODE_PREFIX -> contractResult.INVALID_CODE;
      case INSUFFICIENT_BALANCE -> contractResult.TRANSFER_FAILED;
      case INVALID_OPCODE, STATIC_CALL_MODIFICATION -> contractResult.ILLEGAL_OPERATION;
      default -> contractResult.UNKNOWN;
    };
  }

  private static String message(ExecutionResult execution) {
    if (execution.outcome() == Outcome.SUCCESS) {
      return "";
    }
    if (execution.outcome() == Outcome.REVERT) {
      return "REVERT opcode executed";
    }
    return execution.haltReason().map(HaltReason::message).orElse("execution halted");
  }
}
