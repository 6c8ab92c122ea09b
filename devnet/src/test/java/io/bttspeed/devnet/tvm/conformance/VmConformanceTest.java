package io.bttspeed.devnet.tvm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bttspeed.devnet.tvm.Tvm;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/legacytests Constantinople/VMTests (MIT; see src/test/resources/evm-vectors) under the
 * FRONTIER schedule: every vector must halt or succeed as recorded, with the recorded gas left,
 * output, logs and storage.
 */
class VmConformanceTest {

  private static final String ROOT = "evm-vectors/legacy-VMTests";
  private static final String PERFORMANCE = "vmPerformance";
  private static final int TOTAL_VECTORS = 609;

  private static final Tvm TVM = new Tvm();

  @TestFactory
  Stream<DynamicTest> vmTestsPassUnderFrontierSchedule() throws IOException {
    return cases(false).stream().map(VmConformanceTest::dynamic);
  }

  @Tag("slow")
  @TestFactory
  Stream<DynamicTest> vmPerformanceTestsPassUnderFrontierSchedule() throws IOException {
    return cases(true).stream().map(VmConformanceTest::dynamic);
  }

  @Test
  void suiteHoldsAll609Vectors() throws IOException {
    assertEquals(TOTAL_VECTORS, cases(false).size() + cases(true).size());
  }

  private static DynamicTest dynamic(VmTestCase c) {
    return DynamicTest.dynamicTest(
        c.name(),
        () -> {
          List<String> problems = c.run(TVM);
          assertTrue(problems.isEmpty(), () -> c.name() + ": " + problems);
        });
  }

  static List<VmTestCase> cases(boolean performance) throws IOException {
    Path root;
    try {
      root = Path.of(VmConformanceTest.class.getClassLoader().getResource(ROOT).toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    ObjectMapper mapper = new ObjectMapper();
    List<VmTestCase> cases = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      boolean isPerformance = root.relativize(file).startsWith(PERFORMANCE);
      if (isPerformance != performance) {
        continue;
      }
      JsonNode tests = mapper.readTree(file.toFile());
      String group = root.relativize(file.getParent()).toString();
      for (Iterator<Map.Entry<String, JsonNode>> it = tests.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        cases.add(new VmTestCase(group + "/" + e.getKey(), e.getValue()));
      }
    }
    return cases;
  }
}
