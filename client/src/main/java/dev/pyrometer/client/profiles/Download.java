package dev.pyrometer.client.profiles;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.client.connect.ControllerApi;
import dev.pyrometer.client.connect.PathSegment;
import dev.pyrometer.flame.OutputFormat;
import dev.pyrometer.wire.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** One {@code -o FILE}: the profile artifact its extension asks for, checked before anything is sent. */
record Download(Path file, String artifact) {

    static List<Download> of(List<Path> files) {
        return files == null ? List.of() : files.stream().map(Download::of).toList();
    }

    static Download of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jfr")) {
            return new Download(file, Protocol.RECORDING);
        }
        try {
            return new Download(file, switch (OutputFormat.of(file)) {
                case HTML -> Protocol.FLAMEGRAPH_HTML;
                case SVG -> Protocol.FLAMEGRAPH_SVG;
                case COLLAPSED -> Protocol.COLLAPSED;
            });
        } catch (CommandFailure unknown) {
            throw CommandFailure.usage("cannot tell what to write to " + file
                    + " from its extension; use .html, .svg, .collapsed or .jfr");
        }
    }

    /** Fetches this artifact of profile {@code id} into {@link #file}. */
    void fetch(ControllerApi api, String id) {
        api.download("/api/v1/profiles/" + PathSegment.of(id) + "/" + artifact, file);
    }
}
