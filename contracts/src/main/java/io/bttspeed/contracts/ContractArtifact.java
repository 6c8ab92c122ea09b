package io.bttspeed.contracts;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One compiled contract as the build pinned it: its ABI (JSON text, as solc wrote it) and its
 * creation and runtime bytecode.
 */
public final class ContractArtifact {
  private final String name;
  private final String abiJson;
  private final byte[] creationBytecode;
  private final byte[] runtimeBytecode;

  public ContractArtifact(
      String name, String abiJson, byte[] creationBytecode, byte[] runtimeBytecode) {
    this.name = Objects.requireNonNull(name, "name");
    this.abiJson = Objects.requireNonNull(abiJson, "abiJson");
    if (creationBytecode.length == 0 || runtimeBytecode.length == 0) {
      throw new IllegalArgumentException(name + ": empty bytecode");
    }
    this.creationBytecode = creationBytecode.clone();
    this.runtimeBytecode = runtimeBytecode.clone();
  }

  public String name() {
    return name;
  }

  /** The ABI as a JSON array, e.g. for Trident's CreateSmartContract {@code abi} field. */
  public String abiJson() {
    return abiJson;
  }

  /**
   * The code a CreateSmartContract carries (constructor plus runtime), without constructor
   * arguments.
   */
  public byte[] creationBytecode() {
    return creationBytecode.clone();
  }

  /**
   * The code the contract has once deployed; what GetContract answers as {@code bytecode}'s runtime
   * part.
   */
  public byte[] runtimeBytecode() {
    return runtimeBytecode.clone();
  }

  /**
   * Creation bytecode followed by the ABI-encoded constructor arguments, as the deployer sends it.
   */
  public byte[] deployData(byte[] constructorArguments) {
    byte[] data = new byte[creationBytecode.length + constructorArguments.length];
    System.arraycopy(creationBytecode, 0, data, 0, creationBytecode.length);
    System.arraycopy(
        constructorArguments, 0, data, creationBytecode.length, constructorArguments.length);
    return data;
  }

  public String creationBytecodeHex() {
    return HexFormat.of().formatHex(creationBytecode);
  }

  @Override
  public String toString() {
    return "ContractArtifact[" + name + ", " + runtimeBytecode.length + " bytes runtime]";
  }
}
