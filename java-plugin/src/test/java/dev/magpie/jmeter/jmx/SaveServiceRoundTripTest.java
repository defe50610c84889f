package dev.magpie.jmeter.jmx;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.magpie.jmeter.loader.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.jorphan.collections.HashTree;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * The contract of the Rust JMX writer: a plan written by `magpie har2jmx --soft-failures
 * --record-extractors` (every element kind it writes, the plugin's own included) is what JMeter 5.6.3's
 * SaveService would write, so loading it and saving it back changes no byte.
 *
 * <p>Inputs: every HAR in jmeter-fixtures/har/ and in the shared corpus (system property
 * magpie.corpus.har; those cases are skipped only when that directory does not exist). A HAR the
 * CLI rejects as bad input (exit 2) has no plan to check and is skipped with the CLI's message.
 * Files land in build/tmp/java-tests/roundtrip/ (NAME.jmx from magpie, NAME.resaved.jmx from
 * JMeter when they differ).
 */
@RunWith(Parameterized.class)
public class SaveServiceRoundTripTest {
    private final String label;
    private final Path har;

    public SaveServiceRoundTripTest(String label, Path har) {
        this.label = label;
        this.har = har;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> hars() throws IOException {
        List<Object[]> cases = new ArrayList<>();
        addHars(cases, "fixture", TestPaths.repo().resolve("jmeter-fixtures/har"));
        Path corpus = TestPaths.corpusHar();
        if (Files.isDirectory(corpus)) {
            addHars(cases, "corpus", corpus);
        } else {
            System.err.println("SaveServiceRoundTripTest: no corpus at " + corpus + "; corpus HARs skipped");
        }
        return cases;
    }

    private static void addHars(List<Object[]> cases, String kind, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.har")) {
            for (Path p : ds) {
                files.add(p);
            }
        }
        for (Path p : files) {
            cases.add(new Object[] {kind + "/" + p.getFileName(), p});
        }
    }

    @Test
    public void generatedPlanSurvivesSaveServiceRoundTripByteForByte() throws Exception {
        Path cli = TestPaths.cli();
        assertTrue("the magpie CLI is missing: " + cli + " (gradle cargoRelease)", Files.isExecutable(cli));
        Path dir = TestPaths.scratch("roundtrip");
        String stem = label.replace('/', '_').replaceAll("\\.har$", "");
        Path jmx = dir.resolve(stem + ".jmx");
        Path resaved = dir.resolve(stem + ".resaved.jmx");
        Files.deleteIfExists(jmx);
        Files.deleteIfExists(resaved);

        Process p = new ProcessBuilder(cli.toString(), "har2jmx", har.toString(), "-o", jmx.toString(), "--soft-failures", "--record-extractors")
                .redirectErrorStream(true).start();
        String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
        assertTrue("magpie har2jmx timed out on " + har, p.waitFor(120, TimeUnit.SECONDS));
        int code = p.exitValue();
        if (code == 2) {
            assertTrue("exit 2 without a message", !out.trim().isEmpty());
            Assume.assumeTrue("magpie rejected " + har.getFileName() + " as bad input: " + out.trim(), false);
        }
        if (code != 0 && code != 1) {
            fail("magpie har2jmx " + har + " exited " + code + ":\n" + out);
        }
        assertTrue("no plan written for " + har + ":\n" + out, Files.isRegularFile(jmx));

        byte[] written = Files.readAllBytes(jmx);
        HashTree tree;
        try {
            tree = JMeterTestSupport.load(jmx);
        } catch (Exception | LinkageError e) {
            throw new AssertionError("JMeter 5.6.3 SaveService cannot load " + jmx + ": " + e, e);
        }
        assertTrue("JMeter loaded an empty tree from " + jmx, tree != null && !tree.isEmpty());
        byte[] again = JMeterTestSupport.save(tree);
        String diff = JMeterTestSupport.firstDifference(written, again);
        if (diff != null) {
            Files.write(resaved, again);
        }
        assertNull("JMeter re-saves " + jmx + " differently (see " + resaved + "):\n" + diff, diff);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (InputStream s = in) {
            return s.readAllBytes();
        }
    }
}
