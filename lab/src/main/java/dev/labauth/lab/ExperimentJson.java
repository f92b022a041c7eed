package dev.labauth.lab;

import dev.labauth.lab.experiments.Experiment;
import java.util.LinkedHashMap;
import java.util.Map;

/** An experiment as the API shows it: {@code {"id","name","owner","createdAt"}}. */
final class ExperimentJson {
    private ExperimentJson() {
    }

    static Map<String, Object> of(Experiment experiment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", experiment.id());
        json.put("name", experiment.name());
        json.put("owner", experiment.owner());
        json.put("createdAt", experiment.createdAt().toString());
        return json;
    }
}
