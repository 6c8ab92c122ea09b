package io.bttspeed.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the artifacts that {@code contracts/scripts/build.mjs} wrote to {@code
 * io/bttspeed/contracts/artifacts/<Name>.json} on the classpath. They are committed, so nothing
 * here needs node or solc.
 */
public final class ContractArtifacts {
  public static final String BTT_TOKEN = "BttToken";
  public static final String SPEED_CHANNELS = "SpeedChannels";
  public static final String SPEED_CHANNELS_TRC10 = "SpeedChannelsTrc10";

  private static final String DIRECTORY = "/io/bttspeed/contracts/artifacts/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ContractArtifact> CACHE = new ConcurrentHashMap<>();

  private ContractArtifacts() {}

  /**
   * The artifact named {@code name} (e.g. {@link #BTT_TOKEN}).
   *
   * @throws IllegalArgumentException if there is no such artifact
   * @throws UncheckedIOException if it cannot be read or is malformed (a broken build, not a caller
   *     error)
   */
  public static ContractArtifact load(String name) {
    return CACHE.computeIfAbsent(name, ContractArtifacts::read);
  }

  public static ContractArtifact bttToken() {
    return load(BTT_TOKEN);
  }

  public static ContractArtifact speedChannels() {
    return load(SPEED_CHANNELS);
  }

  public static ContractArtifact speedChannelsTrc10() {
    return load(SPEED_CHANNELS_TRC10);
  }

  private static ContractArtifact read(String name) {
    String resource = DIRECTORY + name + ".json";
    try (InputStream in = ContractArtifacts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no contract artifact " + resource + " on the classpath");
      }
      JsonNode root = JSON.readTree(in);
      return new ContractArtifact(
          name,
          JSON.writeValueAsString(required(root, "abi", resource)),
          hex(required(root, "bytecode", resource).asText(), resource),
          hex(required(root, "deployedBytecode", resource).asText(), resource));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract artifact " + resource, e);
    }
  }

  private static JsonNode required(JsonNode root, String field, String resource)
      throws IOException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new IOException(resource + " has no " + field);
    }
    return node;
  }

  private static byte[] hex(String text, String resource) throws IOException {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(resource + " has malformed bytecode hex", e);
    }
  }
}
