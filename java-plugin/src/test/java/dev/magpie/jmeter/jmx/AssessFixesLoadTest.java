package dev.magpie.jmeter.jmx;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.magpie.jmeter.loader.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jorphan.collections.HashTree;
import org.junit.Test;

/**
 * Every plan `magpie assess --fix --unsafe-fixes` produced from a rule's fixture
 * (native/magpie-assess/tests/fixtures/fixed/*.jmx, kept current by a Rust test) loads in
 * JMeter 5.6.3, and so do the fixtures themselves.
 */
public class AssessFixesLoadTest {

    private static List<Path> plans(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jmx")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    public void fixedPlansAndFixturesLoadInJMeter() throws Exception {
        JMeterTestSupport.init();
        Path fixtures = TestPaths.repo().resolve("native/magpie-assess/tests/fixtures");
        List<Path> fixed = plans(fixtures.resolve("fixed"));
        assertTrue("expected fixed plans in " + fixtures.resolve("fixed"), !fixed.isEmpty());
        for (Path p : fixed) {
            HashTree tree = JMeterTestSupport.load(p);
            assertNotNull(p + " did not load", tree);
            assertTrue(p + " loaded empty", !tree.isEmpty());
        }
        for (Path p : plans(fixtures)) {
            assertNotNull(p + " did not load", JMeterTestSupport.load(p));
        }
    }
}
