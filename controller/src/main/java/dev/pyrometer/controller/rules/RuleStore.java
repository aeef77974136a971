package dev.pyrometer.controller.rules;

import dev.pyrometer.controller.store.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Rules in the controller's H2 database, on the store's worker. */
final class RuleStore {
    private final MetadataStore store;

    RuleStore(MetadataStore store) {
        this.store = store;
    }

    Future<List<RuleSpec>> init() {
        return store.withConnection(db -> {
            try (var st = db.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS rules (id VARCHAR PRIMARY KEY, spec CLOB NOT NULL)");
            }
            var list = new ArrayList<RuleSpec>();
            try (var st = db.createStatement(); var rs = st.executeQuery("SELECT spec FROM rules ORDER BY id")) {
                while (rs.next()) {
                    list.add(RuleSpec.fromJson(new JsonObject(rs.getString(1))));
                }
            }
            return list;
        });
    }

    Future<Void> save(RuleSpec r) {
        return store.withConnection(db -> {
            try (var ps = db.prepareStatement("MERGE INTO rules KEY(id) VALUES (?,?)")) {
                ps.setString(1, r.rule().id());
                ps.setString(2, r.toJson().encode());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Future<Void> delete(String id) {
        return store.withConnection(db -> {
            try (var ps = db.prepareStatement("DELETE FROM rules WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
