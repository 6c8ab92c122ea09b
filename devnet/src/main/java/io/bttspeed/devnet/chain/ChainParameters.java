package io.bttspeed.devnet.chain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tron.trident.proto.Response;

/**
 * The committee-set parameters that decide fees and limits, under java-tron's own names (what
 * {@code GetChainParameters} answers). Defaults are TRON mainnet's values; each can be overridden
 * by name. All fees are in sun.
 *
 * @param energyFee sun burned per unit of energy ({@code getEnergyFee})
 * @param transactionFee sun burned per byte of bandwidth not covered by free bandwidth ({@code
 *     getTransactionFee})
 * @param freeNetLimit free bandwidth bytes per account per day ({@code getFreeNetLimit})
 * @param publicNetLimit free bandwidth bytes for the whole chain per day ({@code
 *     getPublicNetLimit})
 * @param createAccountFee sun burned for the bandwidth of a transaction that creates an account
 *     ({@code getCreateAccountFee})
 * @param createNewAccountFeeInSystemContract sun charged by the system contract when a transfer
 *     creates its recipient ({@code getCreateNewAccountFeeInSystemContract})
 * @param assetIssueFee sun charged to issue a TRC-10 token ({@code getAssetIssueFee})
 * @param maxFeeLimit the highest fee_limit a transaction may set, in sun ({@code getMaxFeeLimit})
 * @param memoFee sun charged for a transaction that carries a memo ({@code getMemoFee})
 * @param maxCreateAccountTxSize the largest account-creating transaction, in bytes ({@code
 *     getMaxCreateAccountTxSize})
 * @param totalSignNum the most signatures a transaction may carry ({@code getTotalSignNum})
 */
public record ChainParameters(
    long energyFee,
    long transactionFee,
    long freeNetLimit,
    long publicNetLimit,
    long createAccountFee,
    long createNewAccountFeeInSystemContract,
    long assetIssueFee,
    long maxFeeLimit,
    long memoFee,
    long maxCreateAccountTxSize,
    long totalSignNum) {

  /**
   * The parameters that {@link #with} may change; the others are fixed by what the devnet
   * implements.
   */
  public static final Set<String> OVERRIDABLE =
      Set.of(
          "getEnergyFee",
          "getTransactionFee",
          "getFreeNetLimit",
          "getPublicNetLimit",
          "getCreateAccountFee",
          "getCreateNewAccountFeeInSystemContract",
          "getAssetIssueFee",
          "getMaxFeeLimit",
          "getMemoFee",
          "getMaxCreateAccountTxSize",
          "getTotalSignNum");

  public ChainParameters {
    requireNonNegative("getEnergyFee", energyFee);
    requireNonNegative("getTransactionFee", transactionFee);
    requireNonNegative("getFreeNetLimit", freeNetLimit);
    requireNonNegative("getPublicNetLimit", publicNetLimit);
    requireNonNegative("getCreateAccountFee", createAccountFee);
    requireNonNegative(
        "getCreateNewAccountFeeInSystemContract", createNewAccountFeeInSystemContract);
    requireNonNegative("getAssetIssueFee", assetIssueFee);
    requireNonNegative("getMaxFeeLimit", maxFeeLimit);
    requireNonNegative("getMemoFee", memoFee);
    requireNonNegative("getMaxCreateAccountTxSize", maxCreateAccountTxSize);
    if (totalSignNum < 1) {
      throw new IllegalArgumentException("getTotalSignNum must be at least 1, got " + totalSignNum);
    }
    if (energyFee == 0) {
      throw new IllegalArgumentException(
          "getEnergyFee must be positive: energy limits divide by it");
    }
  }

  /** TRON mainnet's values as of 2025. */
  public static ChainParameters mainnet() {
    return new ChainParameters(
        100,
        1_000,
        600,
        14_400_000_000L,
        100_000,
        1_000_000,
        1_024_000_000,
        15_000_000_000L,
        1_000_000,
        1_000,
        5);
  }

  /** The parameters as {@code GetChainParameters} lists them, in a stable order. */
  public Map<String, Long> byName() {
    Map<String, Long> named = new LinkedHashMap<>();
    named.put("getMaintenanceTimeInterval", 21_600_000L);
    named.put("getCreateAccountFee", createAccountFee);
    named.put("getTransactionFee", transactionFee);
    named.put("getAssetIssueFee", assetIssueFee);
    named.put("getCreateNewAccountFeeInSystemContract", createNewAccountFeeInSystemContract);
    named.put("getCreateNewAccountBandwidthRate", 1L);
    named.put("getAllowCreationOfContracts", 1L);
    named.put("getEnergyFee", energyFee);
    named.put("getAllowSameTokenName", 1L);
    named.put("getAllowMultiSign", 1L);
    named.put("getTotalSignNum", totalSignNum);
    named.put("getAllowTvmConstantinople", 1L);
    named.put("getAllowTvmIstanbul", 1L);
    named.put("getAllowTvmLondon", 1L);
    named.put("getAllowTvmCompatibleEvm", 1L);
    named.put("getForbidTransferToContract", 0L);
    named.put("getMaxFeeLimit", maxFeeLimit);
    named.put("getFreeNetLimit", freeNetLimit);
    named.put("getPublicNetLimit", publicNetLimit);
    named.put("getMemoFee", memoFee);
    named.put("getMaxCreateAccountTxSize", maxCreateAccountTxSize);
    return named;
  }

  public Response.ChainParameters toProto() {
    Response.ChainParameters.Builder builder = Response.ChainParameters.newBuilder();
    byName()
        .forEach(
            (key, value) ->
                builder.addChainParameter(
                    Response.ChainParameters.ChainParameter.newBuilder()
                        .setKey(key)
                        .setValue(value)));
    return builder.build();
  }

  /**
   * A copy with one parameter replaced, named as java-tron names it (e.g. {@code getEnergyFee}).
   */
  public ChainParameters with(String name, long value) {
    if (!OVERRIDABLE.contains(name)) {
      throw new IllegalArgumentException(
          "unknown or fixed chain parameter: " + name + " (overridable: " + OVERRIDABLE + ")");
    }
    Map<String, Long> named = byName();
    named.put(name, value);
    return new ChainParameters(
        named.get("getEnergyFee"),
        named.get("getTransactionFee"),
        named.get("getFreeNetLimit"),
        named.get("getPublicNetLimit"),
        named.get("getCreateAccountFee"),
        named.get("getCreateNewAccountFeeInSystemContract"),
        named.get("getAssetIssueFee"),
        named.get("getMaxFeeLimit"),
        named.get("getMemoFee"),
        named.get("getMaxCreateAccountTxSize"),
        named.get("getTotalSignNum"));
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
