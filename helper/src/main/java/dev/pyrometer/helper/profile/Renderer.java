package dev.pyrometer.helper.profile;

import dev.pyrometer.flame.FlameGraphs;
import dev.pyrometer.flame.RenderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Turns a recording (and any extra collapsed inputs) into the flame graph files a profile asked for. */
@FunctionalInterface
public interface Renderer {

    /** Renders in this JVM: right for a short-lived CLI, which exits right after. */
    Renderer IN_PROCESS = (inputs, outputs, title) ->
            FlameGraphs.render(inputs, outputs, RenderOptions.defaults().withTitle(title));

    /** Writes {@code outputs} (format by extension) from {@code inputs}; fails naming what went wrong. */
    void render(List<Path> inputs, List<Path> outputs, String title) throws IOException;
}
