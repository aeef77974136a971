package dev.pyrometer.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.flame.model.FlameTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Small inputs rendered to every format and compared byte for byte with files under
 * {@code src/test/resources/golden}. After an intended change, regenerate them with
 * {@code mvn -pl flamegraph-assets test -Dtest=GoldenFilesTest -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void renderMatchesGoldenFiles(@TempDir Path dir) throws IOException {
        List<Path> outputs = List.of(dir.resolve("small.svg"), dir.resolve("small.html"), dir.resolve("small.collapsed"));
        RenderOptions options = RenderOptions.defaults().withTitle("Small <golden> & \"quoted\"").withSubtitle("subtitle 'x'");
        var summary = FlameGraphs.render(List.of(GOLDEN.resolve("small.collapsed")), outputs, options);
        assertEquals(100, summary.samples());
        assertEquals(5, summary.stacks());
        for (Path output : outputs) {
            compare(output, "small." + output.getFileName().toString().split("\\.")[1]);
        }
    }

    @Test
    void diffMatchesGoldenFiles(@TempDir Path dir) throws IOException {
        var changes = FlameGraphs.diff(List.of(GOLDEN.resolve("small.collapsed")), List.of(GOLDEN.resolve("small-new.collapsed")),
                dir.resolve("diff.svg"), DiffOptions.defaults());
        FlameGraphs.writeReport(changes, dir.resolve("diff.json"));
        FlameGraphs.diff(List.of(GOLDEN.resolve("small.collapsed")), List.of(GOLDEN.resolve("small-new.collapsed")),
                dir.resolve("diff.html"), DiffOptions.defaults());
        compare(dir.resolve("diff.svg"), "diff.svg");
        compare(dir.resolve("diff.json"), "diff.json");
        compare(dir.resolve("diff.html"), "diff.html");
        assertEquals("Cache.fill", changes.get(0).frame(), "most regressed first");
        assertTrue(changes.get(0).significant(), "20 of 120 samples against none is no noise");
        assertEquals("Emitter.emit <T>(List<\"x\" & 'y'>)", changes.get(1).frame());
        assertTrue(!changes.get(changes.size() - 1).significant(), "40 of 100 to 30 of 120 is within noise after correction");
    }

    @Test
    void sameInputGivesByteIdenticalOutputWhateverTheLineOrder() throws IOException {
        String text = Files.readString(GOLDEN.resolve("small.collapsed"));
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        java.util.Collections.reverse(lines);
        String shuffled = String.join("\n", lines) + "\n";
        for (OutputFormat format : OutputFormat.values()) {
            assertEquals(Stacks.render(Stacks.parse(text), format, RenderOptions.defaults()),
                    Stacks.render(Stacks.parse(shuffled), format, RenderOptions.defaults()), format.name());
        }
    }

    @Test
    void svgIsWellFormedXmlWithOneGroupPerFrame() throws Exception {
        FlameTree tree = Stacks.parse(Files.readString(GOLDEN.resolve("small.collapsed")));
        String svg = Stacks.render(tree, OutputFormat.SVG, RenderOptions.defaults().withTitle("a < b & c"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element frames = null;
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            if ("frames".equals(((Element) groups.item(i)).getAttribute("id"))) {
                frames = (Element) groups.item(i);
            }
        }
        assertTrue(frames != null);
        NodeList titles = frames.getElementsByTagName("title");
        assertEquals(9, titles.getLength());
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) {
            names.add(titles.item(i).getTextContent());
        }
        assertTrue(names.contains("Emitter.emit <T>(List<\"x\" & 'y'>) (45 samples, 45%)"), names.toString());
        assertTrue(names.contains("Lexer.next (40 samples, 40%)"), names.toString());
        assertEquals("a < b & c", doc.getElementById("title") == null ? textOf(doc, "title") : doc.getElementById("title").getTextContent());
    }

    @Test
    void templatesOpenOnTheirOwn() throws Exception {
        // The template files are the pages a person edits: the SVG must be valid XML as is.
        try (var in = GoldenFilesTest.class.getResourceAsStream("/templates/flame.svg")) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static String textOf(Document doc, String id) {
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            if (id.equals(((Element) texts.item(i)).getAttribute("id"))) {
                return texts.item(i).getTextContent();
            }
        }
        return null;
    }

    private static void compare(Path actual, String goldenName) throws IOException {
        Path golden = GOLDEN.resolve(goldenName);
        if (Boolean.getBoolean("golden.update")) {
            Files.copy(actual, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(Files.readString(golden), Files.readString(actual), goldenName + " differs from its golden file");
    }
}
