package io.bttspeed.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractArtifactsTest {
  private static final Set<Integer> POST_PARIS_OPCODES = Set.of(0x5c, 0x5d, 0x5e, 0x5f);

  @ParameterizedTest
  @ValueSource(strings = {"BttToken", "SpeedChannels", "SpeedChannelsTrc10"})
  void everyArtifactLoadsWithAbiAndBothBytecodes(String name) throws Exception {
    ContractArtifact artifact = ContractArtifacts.load(name);

    assertEquals(name, artifact.name());
    assertTrue(artifact.creationBytecode().length > artifact.runtimeBytecode().length);
    assertTrue(artifact.runtimeBytecode().length > 100);
    JsonNode abi = new ObjectMapper().readTree(artifact.abiJson());
    assertTrue(abi.isArray() && abi.size() > 5, "ABI of " + name + " is an array of entries");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BttToken", "SpeedChannels", "SpeedChannelsTrc10"})
  void creationBytecodeCarriesTheRuntimeBytecode(String name) {
    ContractArtifact artifact = ContractArtifacts.load(name);

    String creation = java.util.HexFormat.of().formatHex(artifact.creationBytecode());
    String runtime = java.util.HexFormat.of().formatHex(artifact.runtimeBytecode());
    assertTrue(creation.contains(runtime));
  }

  /** paris target: no PUSH0, TLOAD, TSTORE or MCOPY, which older TVM versions do not know. */
  @ParameterizedTest
  @ValueSource(strings = {"BttToken", "SpeedChannels", "SpeedChannelsTrc10"})
  void runtimeUsesNoOpcodeNewerThanParis(String name) {
    Set<Integer> opcodes = opcodes(ContractArtifacts.load(name).runtimeBytecode());

    for (int opcode : POST_PARIS_OPCODES) {
      assertFalse(opcodes.contains(opcode), name + " uses opcode 0x" + Integer.toHexString(opcode));
    }
  }

  @Test
  void trc10ChannelsUseTronTokenOpcodesAndTheSolidityChannelsDoNot() {
    Set<Integer> trc10 = opcodes(ContractArtifacts.speedChannelsTrc10().runtimeBytecode());
    Set<Integer> trc20 = opcodes(ContractArtifacts.speedChannels().runtimeBytecode());

    assertTrue(
        trc10.containsAll(Set.of(0xd0, 0xd2, 0xd3)), "CALLTOKEN, CALLTOKENVALUE, CALLTOKENID");
    assertFalse(trc20.contains(0xd0));
  }

  @Test
  void anUnknownArtifactIsRejectedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ContractArtifacts.load("NoSuchContract"));
    assertTrue(e.getMessage().contains("NoSuchContract"));
  }

  @Test
  void deployDataAppendsConstructorArguments() {
    ContractArtifact artifact = ContractArtifacts.bttToken();
    byte[] arguments = {1, 2, 3};

    byte[] data = artifact.deployData(arguments);

    assertEquals(artifact.creationBytecode().length + 3, data.length);
    assertEquals(3, data[data.length - 1]);
  }

  /** Opcodes in instruction positions: PUSH data is skipped. */
  private static Set<Integer> opcodes(byte[] code) {
    Set<Integer> found = new HashSet<>();
    for (int pc = 0; pc < code.length; pc++) {
      int op = code[pc] & 0xff;
      found.add(op);
      if (op >= 0x60 && op <= 0x7f) {
        pc += op - 0x5f;
      }
    }
    return found;
  }
}
