package dev.labauth.authorizer.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The decision log's sink, kept in memory: every line the engine would have printed. */
public final class DecisionLines implements Consumer<String> {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    public int size() {
        return lines.size();
    }

    public List<String> all() {
        return List.copyOf(lines);
    }

    public List<String> since(int index) {
        return List.copyOf(lines.subList(index, lines.size()));
    }

    /** Lines that record a decision (they carry {@code Outcome}), parsed. */
    public List<Map<String, Object>> decisions() {
        return lines.stream().map(RuntimeJson::parse).filter(m -> m.containsKey("Outcome")).toList();
    }
}
