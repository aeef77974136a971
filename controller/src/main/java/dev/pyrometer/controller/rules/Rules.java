package dev.pyrometer.controller.rules;

import dev.pyrometer.controller.fleet.Fleet;
import dev.pyrometer.controller.fleet.Host;
import dev.pyrometer.controller.http.ApiException;
import dev.pyrometer.controller.store.MetadataStore;
import dev.pyrometer.wire.ProfileIds;
import dev.pyrometer.wire.Rule;
import dev.pyrometer.wire.WireMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The automatic-profiling rules: stored durably, and pushed as {@code rules.set} to each helper
 * after its hello and to every connected helper whenever they change, each helper getting only the
 * rules whose host glob matches it. Confined to the event loop.
 */
public final class Rules {
    private static final Logger LOG = Logger.getLogger(Rules.class.getName());
    /** Rule-started profiles at once per host: one, so a pegged host is not loaded further. */
    public static final int MAX_CONCURRENT_PER_HOST = 1;

    private final RuleStore store;
    private final Fleet fleet;
    private final Map<String, RuleSpec> rules = new LinkedHashMap<>();

    public Rules(MetadataStore store, Fleet fleet) {
        this.store = new RuleStore(store);
        this.fleet = fleet;
    }

    public Future<Void> start() {
        return store.init().map(list -> {
            list.forEach(r -> rules.put(r.rule().id(), r));
            fleet.onHello(this::push);
            return null;
        });
    }

    public Future<RuleSpec> create(JsonObject body) {
        RuleSpec spec = RuleSpec.parse(ProfileIds.next().replace("p-", "r-"), body);
        return store.save(spec).map(v -> {
            rules.put(spec.rule().id(), spec);
            pushAll();
            return spec;
        });
    }

    public List<RuleSpec> list() {
        return new ArrayList<>(rules.values());
    }

    public RuleSpec get(String id) {
        RuleSpec r = rules.get(id);
        if (r == null) {
            throw ApiException.notFound("no rule '" + id + "'; GET /api/v1/rules lists them");
        }
        return r;
    }

    public Future<Void> delete(String id) {
        get(id);
        return store.delete(id).map(v -> {
            rules.remove(id);
            pushAll();
            return null;
        });
    }

    private void pushAll() {
        fleet.hosts().stream().filter(Host::online).forEach(this::push);
    }

    private void push(Host host) {
        host.session().ifPresent(session -> {
            List<Rule> mine = rules.values().stream().filter(r -> r.appliesTo(host.name())).map(RuleSpec::rule).toList();
            session.send(new WireMessage.RulesSet(session.nextCommandId(), mine, MAX_CONCURRENT_PER_HOST))
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            LOG.warning(() -> "rules not delivered to " + host.name() + ": " + ar.cause().getMessage());
                        } else if (!ar.result().ok()) {
                            LOG.warning(() -> "helper of " + host.name() + " refused the rules: " + ar.result().message());
                        }
                    });
        });
    }
}
