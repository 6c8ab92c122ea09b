package io.bttspeed.devnet.chain;

import io.bttspeed.devnet.chain.actuator.Actuator;
import io.bttspeed.devnet.chain.actuator.Actuators;
import io.bttspeed.devnet.chain.contract.VmEnvironment;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.StateChanges;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import java.util.function.Predicate;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * Validates and applies one transaction in java-tron's order: exactly one contract, TaPoS, size and
 * expiration, duplicate, signature, bandwidth (and memo fee), then the contract's own checks and
 * effects. Each step throws the {@link Rejection} java-tron would answer; nothing reaches the state
 * unless every step passes.
 */
public final class TransactionProcessor {
  /** java-tron's TRANSACTION_MAX_BYTE_SIZE. */
  public static final long MAX_TRANSACTION_BYTES = 500 * 1024;

  /** java-tron's MAXIMUM_TIME_UNTIL_EXPIRATION: 24 hours. */
  public static final long MAX_EXPIRATION_MS = 86_400_000L;

  private final ChainParameters parameters;
  private final Actuators actuators;
  private final BandwidthMeter bandwidth;

  public TransactionProcessor(ChainParameters parameters, VmEnvironment environment) {
    this.parameters = parameters;
    this.actuators = new Actuators(parameters, environment);
    this.bandwidth = new BandwidthMeter(parameters);
  }

  /** A transaction with its id and recovered signers: the work that needs no lock. */
  public record Prepared(Transaction transaction, Hash32 txId, SignatureCheck signatures) {}

  /** The result of applying a transaction: its state changes and what it cost. */
  public record Applied(Prepared prepared, StateChanges changes, Receipt receipt) {}

  public Prepared prepare(Transaction transaction) {
    Hash32 txId = Blocks.txId(transaction);
    return new Prepared(
        transaction, txId, SignatureCheck.recover(txId, transaction.getSignatureList()));
  }

  /**
   * Runs every check and, if all pass, the contract, on a scope over {@code state}.
   *
   * @param known whether a transaction id is already on chain or pending
   */
  public Applied apply(
      Prepared prepared,
      StateReader state,
      TaposWindow tapos,
      Predicate<Hash32> known,
      BlockContext block)
      throws Rejection {
    Transaction transaction = prepared.transaction();
    Transaction.raw raw = transaction.getRawData();
    if (raw.getContractCount() == 0) {
      throw Rejection.contractValidate("No contract!");
    }
    if (raw.getContractCount() != 1) {
      throw Rejection.contractValidate(
          String.format(
              "tx %s contract size should be exactly 1, this is extend feature ,actual :%d",
              prepared.txId(), raw.getContractCount()));
    }
    if (raw.getExpiration() < block.headTimeMs() + Blocks.SLOT_MS) {
      throw expired();
    }
    if (!tapos.matches(raw.getRefBlockBytes(), raw.getRefBlockHash())) {
      throw new Rejection(response_code.TAPOS_ERROR, "Tapos check error.");
    }
    checkSizeAndExpiration(prepared, block);
    if (known.test(prepared.txId())) {
      throw new Rejection(response_code.DUP_TRANSACTION_ERROR, "Dup transaction.");
    }
    Transaction.Contract contract = raw.getContract(0);
    Actuator actuator = actuators.forContract(contract, prepared.txId(), raw.getFeeLimit());
    TronAddress owner = ownerOf(actuator);
    prepared
        .signatures()
        .verify(owner, contract.getPermissionId(), state, parameters.totalSignNum());

    TxScope scope = new TxScope(state);
    Receipt net =
        bandwidth.charge(transaction, owner, actuator.createsAccount(state), scope, block);
    long memoFee = chargeMemo(raw, owner, scope);
    actuator.validate(scope, block);
    Actuator.Outcome outcome = actuator.execute(scope, block);
    Receipt receipt =
        new Receipt(
            net.netUsage(),
            net.netFee(),
            memoFee,
            outcome.feeSun(),
            outcome.assetIssueId(),
            outcome.vm());
    return new Applied(prepared, scope.changes(), receipt);
  }

  private void checkSizeAndExpiration(Prepared prepared, BlockContext block) throws Rejection {
    Transaction transaction = prepared.transaction();
    long withResults = Blocks.sizeWithoutResults(transaction) + 2 * BandwidthMeter.RESULT_BYTES;
    if (withResults > MAX_TRANSACTION_BYTES) {
      throw new Rejection(
          response_code.TOO_BIG_TRANSACTION_ERROR,
          String.format(
              "Too big transaction with result, TxId %s, the size is %d bytes, maxTxSize %d",
              prepared.txId(), withResults, MAX_TRANSACTION_BYTES));
    }
    long expiration = transaction.getRawData().getExpiration();
    if (expiration <= block.headTimeMs() || expiration > block.headTimeMs() + MAX_EXPIRATION_MS) {
      throw expired();
    }
  }

  private long chargeMemo(Transaction.raw raw, TronAddress owner, TxScope scope) throws Rejection {
    long fee = parameters.memoFee();
    if (raw.getData().isEmpty() || fee == 0) {
      return 0;
    }
    Account account = scope.account(owner).orElseThrow();
    if (account.getBalance() < fee) {
      throw new Rejection(response_code.BANDWITH_ERROR, "Account resource insufficient error.");
    }
    scope.burn(owner, fee);
    return fee;
  }

  private static TronAddress ownerOf(Actuator actuator) throws Rejection {
    try {
      return actuator.owner();
    } catch (IllegalArgumentException e) {
      throw Rejection.signature("owner address is not a TRON address");
    }
  }

  private static Rejection expired() {
    return new Rejection(response_code.TRANSACTION_EXPIRATION_ERROR, "Transaction expired");
  }
}
