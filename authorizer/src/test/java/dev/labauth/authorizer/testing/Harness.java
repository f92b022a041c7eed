package dev.labauth.authorizer.testing;

import dev.labauth.authorizer.AuthorizerEngine;

/** One authorizer engine (what a Lambda container shares between invocations) and its captured log. */
public record Harness(AuthorizerEngine engine, DecisionLines log) {

    /** Invokes the handler on the event as the runtime would, catching what it throws. */
    public Outcome run(Handler handler, SampleEvent event, String credential) {
        return runJson(handler, event.json(), credential);
    }

    /** Invokes the handler on event JSON given as text. */
    public Outcome runJson(Handler handler, String json, String credential) {
        int before = log.size();
        Object response = null;
        RuntimeException error = null;
        try {
            response = handler.invoke(engine, json);
        } catch (RuntimeException e) {
            error = e;
        }
        return new Outcome(handler, credential, response, error, log.since(before));
    }

    /** The handler's first sample event carrying {@code credential} as its Authorization value. */
    public Outcome run(Handler handler, String credential) {
        return run(handler, handler.sample().event().credential(credential), credential);
    }

    public Outcome run(Handler handler, Sample sample, String credential) {
        return run(handler, sample.event().credential(credential), credential);
    }
}
