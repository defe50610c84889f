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
        byte[] first = JMeterTestSupport.save(JMeterTestSupport.load(resource("/jmx/handwritten-plan.jmx")));
        byte[] second = JMeterTestSupport.save(JMeterTestSupport.load(first));
        assertNull(JMeterTestSupport.firstDifference(first, second));
    }

    @Test
    public void canonicalPlanRoundTripsByteForByte() throws IOException {
        byte[] canonical = resource("/jmx/canonical-plan.jmx");
        byte[] again = JMeterTestSupport.save(JMeterTestSupport.load(canonical));
        assertNull(JMeterTestSupport.firstDifference(canonical, again));
    }

    @Test
    public void formatFacts() throws IOException {
        HashTree tree = JMeterTestSupport.load(resource("/jmx/handwritten-plan.jmx"));
        String xml = new String(JMeterTestSupport.save(tree), StandardCharsets.UTF_8);
        assertTrue(xml, xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n"
                + "  <hashTree>\n"));
        assertTrue("ends with one newline", xml.endsWith("</jmeterTestPlan>\n") && !xml.endsWith("\n\n"));
        assertTrue("no CR", xml.indexOf('\r') < 0);
        // quotes are escaped in text too; TAB and LF stay literal in text, CR does not
        assertContains(xml, "line two\twith a tab, &quot;quotes&quot;, &apos;apostrophes&apos;, &gt; and ünïcödé ✓ 🐢</stringProp>");
        assertContains(xml, "<stringProp name=\"TestPlan.comments\">cr&#xd;lf\nnbsp\u00a0end </stringProp>");
        // in attributes TAB, LF and CR become character references
        assertContains(xml, "testname=\"Think &quot;time&quot; &apos;x&apos; &gt; &#x9; tab\"");
        assertContains(xml, "testname=\"01 Login&#xa;page&#xd;\"");
        assertContains(xml, "testname=\"Harness &amp; &lt;plan&gt;\" enabled=\"true\">");
        assertContains(xml, "testname=\"Debug Sampler\" enabled=\"false\">");
        // empty string: open/close pair, even when the input self-closed it; empty collection self-closed
        assertContains(xml, "<stringProp name=\"HTTPSampler.contentEncoding\"></stringProp>");
        assertContains(xml, "<collectionProp name=\"CookieManager.cookies\"/>");
        assertContains(xml, "<hashTree/>");
        // the sampler's Arguments (created by its constructor) come first, whatever the input order
        assertContains(xml, "testname=\"POST /login?next=/a&amp;b\">\n"
                + "            <elementProp name=\"HTTPsampler.Arguments\" elementType=\"Arguments\"");
    }

    private static void assertContains(String haystack, String needle) {
        assertTrue("expected to find:\n" + needle + "\nin:\n" + haystack, haystack.contains(needle));
    }
}
