package io.bttspeed.devnet.chain;

/**
 * What a processed transaction cost, as TRON's receipt records it. All amounts in sun except the usages.
 *
 * @param netUsage bandwidth bytes taken from free bandwidth
 * @param netFee sun burned for bandwidth (per byte, or the account-creation fee)
 * @param memoFee sun charged for a memo in raw_data.data
 * @param contractFee sun the contract itself charged (account creation by transfer, asset issue)
 * @param assetIssueId the id of a TRC-10 token this transaction issued, or empty
 */
public record Receipt(long netUsage, long netFee, long memoFee, long contractFee, String assetIssueId) {
  /** The total fee as TransactionInfo.fee reports it. */
  public long fee() {
    return Math.addExact(Math.addExact(netFee, memoFee), contractFee);
  }
}
