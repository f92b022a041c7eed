package dev.labauth.benchmarks.report;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON results and prints each benchmark's best and median iteration, its ratio to the
 * floor measured in the same run, and last the one line {@code benchmarks/run.sh} promises:
 * {@code warm-decision/floor=R1 repeat-token/floor=R2} (the worst of the three handlers each).
 *
 * <p>The ratio uses each benchmark's best one-second iteration: on a shared machine another process
 * can only ever add time to an iteration, so the best one is the closest to what the code costs. The
 * medians are printed beside it. A benchmark measured in more than one pass (file) pools its
 * iterations. A file whose name starts with {@code c1} holds results under
 * {@code -XX:TieredStopAtLevel=1}; its benchmarks are prefixed {@code C1.} and compared with the C1
 * floor only. When C1 results are given, the last line is theirs (the JIT setting Lambda's Java
 * runtime starts the JVM with), and the full-JIT line comes just before it.
 *
 * <p>Exits 1, without the line, if the floor or any handler benchmark is missing: a set-up check
 * that failed must not turn into a ratio.
 */
public final class JmhReport {
    private static final String[] WARM = {"warmToken", "warmRequest", "warmHttp"};
    private static final String[] REPEAT = {"repeatToken", "repeatRequest", "repeatHttp"};

    private JmhReport() {
    }

    record Score(String name, String params, double best, double median) {
    }

    public static void main(String[] args) throws IOException, ParseException {
        Map<String, List<Double>> iterations = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        boolean c1 = false;
        for (String file : args) {
            c1 |= read(Path.of(file), iterations, names);
        }
        Map<String, Score> byName = new LinkedHashMap<>();
        iterations.forEach((key, values) -> {
            values.sort(Double::compare);
            byName.put(key, new Score(names.get(key)[0], names.get(key)[1], values.get(0), values.get(values.size() / 2)));
        });

        List<String> missing = new ArrayList<>();
        missing.addAll(missing(byName, ""));
        if (c1) {
            missing.addAll(missing(byName, "C1."));
        }
        if (!missing.isEmpty()) {
            System.err.println("JmhReport: no result for " + String.join(", ", missing)
                    + " (did a benchmark's set-up check fail? see JMH's output above)");
            System.exit(1);
        }

        Score floor = byName.get("DecisionBenchmark.floor");
        System.out.printf("%-52s %12s %12s %10s%n", "benchmark", "best ns/op", "median", "÷ floor");
        for (Score s : byName.values()) {
            if (s.name().startsWith("C1.")) {
                continue;
            }
            String ratio = s.name().startsWith("DecisionBenchmark.") ? String.format("%.3f", s.best() / floor.best()) : "";
            System.out.printf("%-52s %12.0f %12.0f %10s%n", s.name() + s.params(), s.best(), s.median(), ratio);
        }
        cryptoLines(byName);
        if (c1) {
            Score c1Floor = byName.get("C1.DecisionBenchmark.floor");
            System.out.println();
            System.out.println("under -XX:TieredStopAtLevel=1 (C1 only), ÷ the C1 floor:");
            byName.values().stream().filter(s -> s.name().startsWith("C1.")).forEach(s -> System.out.printf(
                    "%-52s %12.0f %12.0f %10.3f%n", s.name(), s.best(), s.median(), s.best() / c1Floor.best()));
        }
        System.out.println();
        System.out.println("C2 (full JIT, JVM defaults):");
        System.out.println(ratios(byName, ""));
        if (c1) {
            System.out.println("C1 only (-XX:TieredStopAtLevel=1, Lambda's Java runtime default):");
            System.out.println(ratios(byName, "C1."));
        }
    }

    private static List<String> missing(Map<String, Score> byName, String prefix) {
        List<String> missing = new ArrayList<>();
        List<String> required = new ArrayList<>(List.of("floor"));
        required.addAll(List.of(WARM));
        required.addAll(List.of(REPEAT));
        for (String n : required) {
            if (!byName.containsKey(prefix + "DecisionBenchmark." + n)) {
                missing.add(prefix + "DecisionBenchmark." + n);
            }
        }
        return missing;
    }

    /** The promised line: the worst handler's warm decision and repeated token, each over the floor of the same JVM flags. */
    private static String ratios(Map<String, Score> byName, String prefix) {
        Score floor = byName.get(prefix + "DecisionBenchmark.floor");
        return String.format("warm-decision/floor=%.2f repeat-token/floor=%.3f",
                worst(byName, floor, prefix, WARM), worst(byName, floor, prefix, REPEAT));
    }

    private static double worst(Map<String, Score> byName, Score floor, String prefix, String... names) {
        double worst = 0;
        for (String n : names) {
            worst = Math.max(worst, byName.get(prefix + "DecisionBenchmark." + n).best() / floor.best());
        }
        return worst;
    }

    private static void cryptoLines(Map<String, Score> byName) {
        String[] names = {"rs256Floor", "rs256Verify", "es256Floor", "es256Verify"};
        if (!byName.containsKey("CryptoProviderBenchmark.rs256Floor[provider=jdk]")) {
            return;
        }
        System.out.println();
        System.out.printf("%-14s %14s %14s %12s%n", "provider", "JDK ns/op", "ACCP ns/op", "ACCP ÷ JDK");
        for (String n : names) {
            Score jdk = byName.get("CryptoProviderBenchmark." + n + "[provider=jdk]");
            Score accp = byName.get("CryptoProviderBenchmark." + n + "[provider=accp]");
            if (jdk != null && accp != null) {
                System.out.printf("%-14s %14.0f %14.0f %12.2f%n", n, jdk.best(), accp.best(), accp.best() / jdk.best());
            }
        }
    }

    /** Adds the file's iterations; true if it holds C1-only results. */
    @SuppressWarnings("unchecked")
    private static boolean read(Path file, Map<String, List<Double>> iterations, Map<String, String[]> names)
            throws IOException, ParseException {
        boolean c1 = file.getFileName().toString().startsWith("c1");
        String prefix = c1 ? "C1." : "";
        for (Object o : JSONArrayUtils.parse(Files.readString(file))) {
            Map<String, Object> run = (Map<String, Object>) o;
            String benchmark = (String) run.get("benchmark");
            String name = prefix + benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, Object> params = (Map<String, Object>) run.get("params");
            String p = params == null ? "" : params.toString().replace("{", "[").replace("}", "]");
            Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
            List<Double> values = iterations.computeIfAbsent(name + p, k -> new ArrayList<>());
            names.putIfAbsent(name + p, new String[] {name, p});
            for (Object fork : (List<Object>) metric.get("rawData")) {
                for (Object v : (List<Object>) fork) {
                    values.add(((Number) v).doubleValue());
                }
            }
        }
        return c1;
    }
}
