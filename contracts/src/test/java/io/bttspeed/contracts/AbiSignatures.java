package io.bttspeed.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Canonical function and event signatures read from an artifact's ABI, independently of the
 * bindings.
 */
public final class AbiSignatures {
  private AbiSignatures() {}

  public static Set<String> functions(ContractArtifact artifact) {
    return signatures(artifact, "function");
  }

  public static Set<String> events(ContractArtifact artifact) {
    return signatures(artifact, "event");
  }

  private static Set<String> signatures(ContractArtifact artifact, String kind) {
    try {
      Set<String> result = new TreeSet<>();
      for (JsonNode entry : new ObjectMapper().readTree(artifact.abiJson())) {
        if (kind.equals(entry.path("type").asText())) {
          StringBuilder signature = new StringBuilder(entry.get("name").asText()).append('(');
          JsonNode inputs = entry.get("inputs");
          for (int i = 0; i < inputs.size(); i++) {
            signature.append(i == 0 ? "" : ",").append(inputs.get(i).get("type").asText());
          }
          result.add(signature.append(')').toString());
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
