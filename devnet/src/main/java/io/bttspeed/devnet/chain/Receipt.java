package io.bttspeed.devnet.chain;

import io.bttspeed.devnet.chain.contract.VmReceipt;
import java.util.Optional;

/**
 * What a processed transaction cost, as TRON's receipt records it. All amounts in sun except the
 * usages.
 *
 * @param netUsage bandwidth bytes taken from free bandwidth
 * @param netFee sun burned for bandwidth (per byte, or the account-creation fee)
 * @param memoFee sun charged for a memo in raw_data.data
 * @param contractFee sun the contract itself charged (account creation, asset issue, energy)
 * @param assetIssueId the id of a TRC-10 token this transaction issued, or empty
 * @param vm what a smart-contract execution produced; empty for system contracts
 */
public record Receipt(
    long netUsage,
    long netFee,
    long memoFee,
    long contractFee,
    String assetIssueId,
    Optional<VmReceipt> vm) {
  /** A bandwidth-only receipt. */
  public static Receipt bandwidth(long netUsage, long netFee) {
    return new Receipt(netUsage, netFee, 0, 0, "", Optional.empty());
  }

  /** The total fee as TransactionInfo.fee reports it. */
  public long fee() {
    return Math.addExact(Math.addExact(netFee, memoFee), contractFee);
  }
}
