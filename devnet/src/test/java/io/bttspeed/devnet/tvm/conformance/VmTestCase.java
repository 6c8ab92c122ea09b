package io.bttspeed.devnet.tvm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.ExecutionContext;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.devnet.tvm.LogEntry;
import io.bttspeed.devnet.tvm.Outcome;
import io.bttspeed.devnet.tvm.Tvm;
import io.bttspeed.devnet.tvm.VmBlockContext;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.state.InMemoryStateBackend;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.hash.Keccak;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One legacy VM test: sets up its pre state, runs its code under FRONTIER and returns what differs.
 */
final class VmTestCase {

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /**
   * TRON balances are int64; larger vector balances (never read by their code) are capped well
   * below it.
   */
  private static final BigInteger BALANCE_CAP = BigInteger.ONE.shiftLeft(60);

  private final String name;
  private final JsonNode json;

  VmTestCase(String name, JsonNode json) {
    this.name = name;
    this.json = json;
  }

  String name() {
    return name;
  }

  /** Runs the test; an empty list means it passed. */
  List<String> run(Tvm tvm) {
    InMemoryStateBackend state = new InMemoryStateBackend();
    loadAccounts(state, json.get("pre"));
    JsonNode exec = json.get("exec");
    JsonNode env = json.get("env");
    long gas = number(exec.get("gas")).longValueExact();
    VmBlockContext block =
        new VmBlockContext(
            number(env.get("currentNumber")).longValueExact(),
            number(env.get("currentTimestamp")).longValueExact() * 1000,
            Address.fromHex(env.get("currentCoinbase").asText()),
            Word.ZERO,
            number(exec.get("gasPrice")).longValueExact(),
            Word.of(number(env.get("currentDifficulty"))),
            number(env.get("currentGasLimit")).min(LONG_MAX).longValueExact());
    ExecutionContext context =
        new ExecutionContext(
            Address.fromHex(exec.get("origin").asText()),
            Address.fromHex(exec.get("caller").asText()),
            gas,
            block,
            Word.ZERO,
            EnergySchedule.FRONTIER,
            false,
            false);
    ExecutionResult result =
        tvm.executeCode(
            state,
            context,
            Address.fromHex(exec.get("address").asText()),
            bytes(exec.get("code")),
            bytes(exec.get("data")),
            number(exec.get("value")).longValueExact());

    List<String> problems = new ArrayList<>();
    if (!json.has("post")) {
      if (result.outcome() != Outcome.HALT) {
        problems.add("expected an exceptional halt, got " + result.outcome());
      }
      return problems;
    }
    if (result.outcome() != Outcome.SUCCESS) {
      problems.add("expected success, got " + result.outcome() + " " + result.haltReason());
      return problems;
    }
    long gasLeft = gas - result.energyUsed();
    long expectedGas = number(json.get("gas")).longValueExact();
    if (gasLeft != expectedGas) {
      problems.add("gas left " + gasLeft + ", expected " + expectedGas);
    }
    String out = hex(result.returnData());
    String expectedOut = json.get("out").asText();
    if (!out.equals(expectedOut)) {
      problems.add("output " + out + ", expected " + expectedOut);
    }
    String logs = hex(logsHash(result.logs()));
    if (!logs.equals(json.get("logs").asText())) {
      problems.add("logs hash " + logs + ", expected " + json.get("logs").asText());
    }
    state.apply(result.changes());
    checkStorage(state, problems);
    return problems;
  }

  private void checkStorage(InMemoryStateBackend state, List<String> problems) {
    JsonNode pre = json.get("pre");
    for (Iterator<Map.Entry<String, JsonNode>> it = json.get("post").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> account = it.next();
      Address address = Address.fromHex(account.getKey());
      Set<Word> keys = new HashSet<>();
      JsonNode expected = account.getValue().get("storage");
      expected.fieldNames().forEachRemaining(k -> keys.add(Word.fromHex(k)));
      if (pre.has(account.getKey())) {
        pre.get(account.getKey())
            .get("storage")
            .fieldNames()
            .forEachRemaining(k -> keys.add(Word.fromHex(k)));
      }
      for (Word key : keys) {
        Word want = Word.ZERO;
        for (Iterator<Map.Entry<String, JsonNode>> e = expected.fields(); e.hasNext(); ) {
          Map.Entry<String, JsonNode> slot = e.next();
          if (Word.fromHex(slot.getKey()).equals(key)) {
            want = Word.fromHex(slot.getValue().asText());
          }
        }
        Word got = state.storage(address, key);
        if (!got.equals(want)) {
          problems.add("storage " + address + "[" + key + "] = " + got + ", expected " + want);
        }
      }
    }
  }

  private static void loadAccounts(InMemoryStateBackend state, JsonNode accounts) {
    for (Iterator<Map.Entry<String, JsonNode>> it = accounts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address address = Address.fromHex(e.getKey());
      JsonNode a = e.getValue();
      state.putBalance(address, number(a.get("balance")).min(BALANCE_CAP).longValueExact());
      state.putCode(address, bytes(a.get("code")));
      a.get("storage")
          .fields()
          .forEachRemaining(
              s ->
                  state.putStorage(
                      address, Word.fromHex(s.getKey()), Word.fromHex(s.getValue().asText())));
    }
  }

  static byte[] logsHash(List<LogEntry> logs) {
    List<byte[]> entries = new ArrayList<>();
    for (LogEntry log : logs) {
      List<byte[]> topics = new ArrayList<>();
      log.topics().forEach(t -> topics.add(Rlp.string(t.toBytes())));
      entries.add(
          Rlp.list(
              List.of(
                  Rlp.string(log.address().toBytes()), Rlp.list(topics), Rlp.string(log.data()))));
    }
    return Keccak.hash(Rlp.list(entries));
  }

  private static BigInteger number(JsonNode node) {
    String text = node.asText();
    if (!text.startsWith("0x")) {
      return new BigInteger(text);
    }
    return text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
  }

  private static byte[] bytes(JsonNode node) {
    String text = node.asText();
    return HexFormat.of().parseHex(text.startsWith("0x") ? text.substring(2) : text);
  }

  private static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
