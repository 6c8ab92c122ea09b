package io.bttspeed.devnet.contracts;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.RevertReason;
import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import java.util.HashMap;
import java.util.Map;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.EstimateEnergyMessage;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * Contract calls through one unmodified Trident {@link ApiWrapper}: it builds the
 * TriggerSmartContract, each sender's own key signs it, and the answer is the node's
 * TransactionInfo. Instant blocks seal every accepted transaction, so the info is there as soon as
 * the broadcast returns.
 */
final class TridentCalls implements AutoCloseable {
  /** 200 TRX: far above what any call here uses, so a transaction burns only the energy it used. */
  static final long FEE_LIMIT = 200_000_000L;

  final ApiWrapper api;
  private final String reader;
  private final Map<String, KeyPair> keys = new HashMap<>();

  TridentCalls(Devnet devnet) {
    DevelopmentAccount first = devnet.developmentAccounts().get(0);
    this.api = new ApiWrapper(devnet.target(), devnet.target(), first.privateKeyHex());
    this.reader = first.address();
  }

  /** A call that carries no value. */
  TransactionInfo send(DevelopmentAccount from, String contract, CallData data) throws Exception {
    return send(from, contract, data, 0, FEE_LIMIT);
  }

  /**
   * A call carrying {@code tokenValue} base units of TRC-10 BTT as call_token_value (none when
   * zero), with the given fee limit in sun.
   */
  TransactionInfo send(
      DevelopmentAccount from, String contract, CallData data, long tokenValue, long feeLimit)
      throws Exception {
    return send(from, contract, data, 0, tokenValue, feeLimit);
  }

  /** A call carrying {@code callValueSun} of TRX as call_value as well. */
  TransactionInfo send(
      DevelopmentAccount from,
      String contract,
      CallData data,
      long callValueSun,
      long tokenValue,
      long feeLimit)
      throws Exception {
    String tokenId = tokenValue > 0 ? Long.toString(SpeedChannelsTrc10Contract.TOKEN_ID) : null;
    TransactionExtention unsigned =
        api.triggerContract(
            from.address(), contract, data.hex(), callValueSun, tokenValue, tokenId, feeLimit);
    return broadcast(from, unsigned.getTransaction());
  }

  /** Signs with the sender's key, broadcasts, and returns the receipt of the sealed transaction. */
  TransactionInfo broadcast(DevelopmentAccount from, Transaction unsigned) throws Exception {
    KeyPair key = keys.computeIfAbsent(from.privateKeyHex(), KeyPair::new);
    String txId = api.broadcastTransaction(api.signTransaction(unsigned, key));
    return api.getTransactionInfoById(txId);
  }

  /** A view call's return data; a revert fails the test with the contract's reason. */
  byte[] constant(String contract, CallData data) {
    TransactionExtention result = api.triggerConstantContract(reader, contract, data.hex());
    byte[] returned =
        result.getConstantResultCount() == 0
            ? new byte[0]
            : result.getConstantResult(0).toByteArray();
    if (!result.getResult().getResult()
        || !result.getResult().getMessage().isEmpty()
        || result.getConstantResultCount() == 0) {
      throw new AssertionError(
          "view call failed: "
              + result.getResult().getMessage().toStringUtf8()
              + " "
              + RevertReason.decode(returned).orElse(""));
    }
    return returned;
  }

  /** The node's energy estimate for the call, as a wallet would ask before choosing a fee limit. */
  long estimateEnergy(DevelopmentAccount from, String contract, CallData data, long tokenValue) {
    String tokenId = tokenValue > 0 ? Long.toString(SpeedChannelsTrc10Contract.TOKEN_ID) : null;
    EstimateEnergyMessage estimate =
        api.estimateEnergy(from.address(), contract, data.hex(), 0, tokenValue, tokenId);
    if (!estimate.getResult().getResult()) {
      throw new AssertionError(
          "estimate failed: " + estimate.getResult().getMessage().toStringUtf8());
    }
    return estimate.getEnergyRequired();
  }

  /** The account's TRX, sun. */
  long trx(String address) {
    return api.getAccountBalance(address);
  }

  @Override
  public void close() {
    api.close();
  }
}
