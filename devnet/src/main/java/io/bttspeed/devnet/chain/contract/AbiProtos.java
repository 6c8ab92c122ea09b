package io.bttspeed.devnet.chain.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.tron.trident.proto.Common.SmartContract.ABI;

/**
 * Converts a solc ABI (JSON) into the ABI message a TRON contract carries, so clients that read
 * GetContract (Trident does, before every trigger) see the functions and events of the genesis
 * contracts.
 */
public final class AbiProtos {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AbiProtos() {}

  public static ABI fromJson(String abiJson) {
    JsonNode entries;
    try {
      entries = JSON.readTree(abiJson);
    } catch (IOException e) {
      throw new UncheckedIOException("the ABI is not JSON", e);
    }
    ABI.Builder abi = ABI.newBuilder();
    for (JsonNode entry : entries) {
      ABI.Entry.Builder builder =
          ABI.Entry.newBuilder()
              .setType(entryType(entry.path("type").asText("function")))
              .setName(entry.path("name").asText(""))
              .setAnonymous(entry.path("anonymous").asBoolean(false));
      String mutability = entry.path("stateMutability").asText("");
      if (!mutability.isEmpty()) {
        builder.setStateMutability(ABI.Entry.StateMutabilityType.valueOf(capitalized(mutability)));
        builder.setConstant(mutability.equals("view") || mutability.equals("pure"));
        builder.setPayable(mutability.equals("payable"));
      }
      for (JsonNode input : entry.path("inputs")) {
        builder.addInputs(param(input));
      }
      for (JsonNode output : entry.path("outputs")) {
        builder.addOutputs(param(output));
      }
      abi.addEntrys(builder);
    }
    return abi.build();
  }

  private static ABI.Entry.Param param(JsonNode node) {
    return ABI.Entry.Param.newBuilder()
        .setName(node.path("name").asText(""))
        .setType(node.path("type").asText())
        .setIndexed(node.path("indexed").asBoolean(false))
        .build();
  }

  private static ABI.Entry.EntryType entryType(String type) {
    return ABI.Entry.EntryType.valueOf(capitalized(type));
  }

  private static String capitalized(String value) {
    return value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
  }
}
