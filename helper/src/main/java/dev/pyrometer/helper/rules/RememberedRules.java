package dev.pyrometer.helper.rules;

import dev.pyrometer.wire.WireCodec;
import dev.pyrometer.wire.WireMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The controller's last accepted {@code rules.set}, kept on disk so a helper restarted while the controller
 * is unreachable goes on evaluating them (written, then renamed: never half a file).
 */
final class RememberedRules {
    private static final Logger LOG = Logger.getLogger(RememberedRules.class.getName());

    private final Path file;

    RememberedRules(Path file) {
        this.file = file;
    }

    void save(WireMessage.RulesSet set) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, WireCodec.encode(set), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning("cannot keep the controller's rules in " + file + " (a restart while it is away starts"
                    + " without them): " + e.getMessage());
        }
    }

    /** The last set, if there is one and it still reads. */
    Optional<WireMessage.RulesSet> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of((WireMessage.RulesSet) WireCodec.decode(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            LOG.warning("ignoring the kept controller rules in " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
