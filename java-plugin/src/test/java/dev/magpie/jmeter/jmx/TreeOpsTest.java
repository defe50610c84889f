package dev.magpie.jmeter.jmx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magpie.jmeter.gui.TreeOps;
import dev.magpie.jmeter.loader.Magpie;
import dev.magpie.jmeter.loader.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jmeter.gui.tree.JMeterTreeModel;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.testelement.TestPlan;
import org.junit.Test;

/**
 * The GUI applies fixes (and undoes them) as tree operations on JMeter's tree model instead of
 * reloading the plan. For every rule fixture with a fix (native/magpie-assess/tests/fixtures and
 * fixed/), the core's operations applied to the loaded original give the same tree as loading the
 * fixed plan, and the operations back give the original again — compared as SaveService output.
 */
public class TreeOpsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JMeterTreeModel model(Path jmx) throws Exception {
        JMeterTreeModel model = new JMeterTreeModel(new TestPlan());
        model.addSubTree(JMeterTestSupport.load(jmx), (JMeterTreeNode) model.getRoot());
        return model;
    }

    private static String saved(JMeterTreeModel model) throws Exception {
        return new String(JMeterTestSupport.save(TreeOps.testPlanElements(model)), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ops(Path before, Path after) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("before_path", before.toString());
        request.put("after_text", new String(Files.readAllBytes(after), StandardCharsets.UTF_8));
        Map<String, Object> reply = JSON.readValue(Magpie.call("tree_ops", JSON.writeValueAsString(request)), Map.class);
        return (List<Object>) reply.get("ops");
    }

    /** Applies the operations from {@code from} to {@code to} on a model of {@code from}. */
    private static void assertOpsTurn(Path from, Path to) throws Exception {
        List<Object> ops = ops(from, to);
        assertTrue(from + " → " + to + ": no operations", !ops.isEmpty());
        JMeterTreeModel edited = model(from);
        TreeOps.apply(edited, ops);
        String expected = saved(model(to));
        String actual = saved(edited);
        assertNull(from.getFileName() + " → " + to + " by " + ops + "\n",
                JMeterTestSupport.firstDifference(expected.getBytes(StandardCharsets.UTF_8),
                        actual.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void fixesAndTheirUndoAsTreeOperations() throws Exception {
        JMeterTestSupport.init();
        Path fixtures = TestPaths.repo().resolve("native/magpie-assess/tests/fixtures");
        List<Path> fixed;
        try (Stream<Path> s = Files.list(fixtures.resolve("fixed"))) {
            fixed = s.filter(p -> p.toString().endsWith(".jmx")).sorted().collect(Collectors.toList());
        }
        assertTrue("expected fixed plans in " + fixtures.resolve("fixed"), fixed.size() >= 10);
        for (Path after : fixed) {
            Path before = fixtures.resolve(after.getFileName());
            assertOpsTurn(before, after);
            assertOpsTurn(after, before);
        }
        assertEquals(0, ops(fixed.get(0), fixed.get(0)).size());
    }
}
