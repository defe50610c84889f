package dev.magpie.jmeter.jmx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.jorphan.collections.HashTree;
import org.junit.Test;

/**
 * Validates the round-trip harness itself, independent of the Rust writer: what SaveService
 * writes, SaveService loads and writes again identically; and pins the format facts the Rust
 * writer relies on (see SAVESERVICE-FORMAT.md).
 */
public class SaveServiceHarnessTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SaveServiceHarnessTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource missing: " + name);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Test
    public void saveServiceOutputIsAFixpoint() throws IOException {
        byte[] first = JMeterTestSupport.save(JMeterTestSupport.load(resource("handwritten-plan.jmx")));
        byte[] second = JMeterTestSupport.save(JMeterTestSupport.load(first));
        assertNull(JMeterTestSupport.firstDifference(first, second));
    }

    @Test
    public void canonicalPlanRoundTripsByteForByte() throws IOException {
        byte[] canonical = resource("canonical-plan.jmx");
        byte[] again = JMeterTestSupport.save(JMeterTestSupport.load(canonical));
        assertNull(JMeterTestSupport.firstDifference(canonical, again));
    }

    @Test
    public void formatFacts() throws IOException {
        HashTree tree = JMeterTestSupport.load(resource("handwritten-plan.jmx"));
        String xml = new String(JMeterTestSupport.save(tree), StandardCharsets.UTF_8);
        assertTrue(xml, xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n"
                + "  <hashTree>\n"));
        assertTrue("ends with a newline", xml.endsWith("</jmeterTestPlan>\n"));
        assertTrue("no CR", xml.indexOf('\r') < 0);
        assertEquals("no tabs", -1, xml.indexOf('\t'));
    }
}
