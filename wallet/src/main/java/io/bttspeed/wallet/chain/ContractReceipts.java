package io.bttspeed.wallet.chain;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.abi.RevertReason;
import io.bttspeed.tron.id.TxId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * Reads what the node says of contract calls: tried (constant calls) or in a block (transaction
 * infos).
 */
final class ContractReceipts {

  private ContractReceipts() {}

  /**
   * Whether a constant call reverted. java-tron sets {@code result} false when it could not run the
   * call, and leaves it true with a message when the contract reverted it.
   */
  static boolean reverted(Response.TransactionExtention tried) {
    return !tried.getResult().getResult() || !tried.getResult().getMessage().isEmpty();
  }

  static byte[] returned(Response.TransactionExtention tried) {
    return tried.getConstantResultCount() == 0
        ? new byte[0]
        : tried.getConstantResult(0).toByteArray();
  }

  /** The contract's revert reason where it gave one (Error(string)), else the node's message. */
  static String revertReason(Response.TransactionExtention tried) {
    return RevertReason.decode(returned(tried))
        .orElse(tried.getResult().getMessage().toStringUtf8());
  }

  static List<EventLog> logs(Response.TransactionInfoList infos) {
    List<EventLog> logs = new ArrayList<>();
    for (Response.TransactionInfo info : infos.getTransactionInfoList()) {
      for (Response.TransactionInfo.Log log : info.getLogList()) {
        byte[] address = log.getAddress().toByteArray();
        logs.add(
            new EventLog(
                // java-tron reports the 20-byte EVM form; accept the 21-byte TRON form as well.
                address.length == 21 ? EvmAddress.fromTron(address) : EvmAddress.of(address),
                log.getTopicsList().stream().map(ByteString::toByteArray).toList(),
                log.getData().toByteArray()));
      }
    }
    return logs;
  }

  static ChannelGateway.CallOutcome outcome(TxId txid, Response.TransactionInfo info) {
    byte[] returned =
        info.getContractResultCount() == 0 ? new byte[0] : info.getContractResult(0).toByteArray();
    Chain.Transaction.Result.contractResult result = info.getReceipt().getResult();
    boolean succeeded =
        info.getResult() != Response.TransactionInfo.code.FAILED
            && (result == Chain.Transaction.Result.contractResult.SUCCESS
                || result == Chain.Transaction.Result.contractResult.DEFAULT);
    String reason = "";
    if (!succeeded) {
      reason =
          RevertReason.decode(returned)
              .orElseGet(() -> result.name() + ": " + info.getResMessage().toStringUtf8());
    }
    Response.ResourceReceipt receipt = info.getReceipt();
    return new ChannelGateway.CallOutcome(
        Optional.of(txid),
        info.getBlockNumber(),
        succeeded,
        reason,
        returned,
        info.getFee(),
        new ChannelGateway.Resources(
            receipt.getNetUsage(),
            receipt.getNetFee(),
            receipt.getEnergyUsageTotal(),
            receipt.getEnergyFee()));
  }
}
