package dev.magpie.jmeter.loader;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The installed plugin inside a real JMeter: build/jmeter/bin/jmeter -n runs a plan whose JSR223
 * sampler calls the core through the jar in lib/ext (native library extracted and loaded there),
 * survives a core panic, and writes a JTL.
 */
public class JMeterPluginTest {
    private static final String SCRIPT = String.join("\n",
            "def v = dev.magpie.jmeter.loader.Magpie.version()",
            "log.info('magpie-version ' + v)",
            "try {",
            "  dev.magpie.jmeter.loader.Magpie.call('selftest_panic', '{}')",
            "  log.error('magpie-panic NOT THROWN')",
            "} catch (dev.magpie.jmeter.loader.MagpieException e) {",
            "  log.info('magpie-panic ' + e.getMessage())",
            "}",
            "SampleResult.setResponseData(v, 'UTF-8')",
            "SampleResult.setSuccessful(v.contains('\"version\"'))");

    @Test
    public void pluginJarWorksInsideNonGuiJMeter() throws Exception {
        Path home = TestPaths.jmeterHome();
        Path installed = home.resolve("lib/ext").resolve(TestPaths.jar().getFileName());
        assertTrue("not installed: " + installed + " (gradle installPlugin)", Files.isRegularFile(installed));
        Path dir = TestPaths.scratch("jmeter-run");
        Path plan = dir.resolve("magpie-call.jmx");
        Path jtl = dir.resolve("magpie-call.jtl");
        Path log = dir.resolve("jmeter.log");
        Files.deleteIfExists(jtl);
        Files.deleteIfExists(log);
        Files.write(plan, plan().getBytes(StandardCharsets.UTF_8));

        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/jmeter").toString(),
                "-n", "-t", plan.toString(), "-l", jtl.toString(), "-j", log.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HEAP", "-Xms256m -Xmx512m");
        pb.environment().put("JVM_ARGS", "-Djava.awt.headless=true -D" + NativeLibrary.CACHE_PROPERTY + "="
                + TestPaths.scratch("jmeter-cache"));
        Process p = pb.start();
        String out = readAll(p.getInputStream());
        assertTrue("jmeter timed out", p.waitFor(180, TimeUnit.SECONDS));
        assertEquals("jmeter exit code; output:\n" + out, 0, p.exitValue());

        String logText = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        assertTrue(logText, logText.contains("magpie-version {") && logText.contains("\"version\":\"" + TestPaths.version() + "\""));
        assertTrue(logText, logText.contains("magpie-panic internal error: selftest_panic: deliberate panic"));
        List<String> rows = Files.readAllLines(jtl, StandardCharsets.UTF_8);
        assertEquals("JTL: " + rows, 2, rows.size());
        assertTrue(rows.get(0), rows.get(0).startsWith("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"));
        assertTrue(rows.get(1), rows.get(1).contains(",magpie call,") && rows.get(1).contains(",true,"));
    }

    private static String plan() {
        String script = SCRIPT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n"
                + "  <hashTree>\n"
                + "    <TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"magpie plugin smoke\"/>\n"
                + "    <hashTree>\n"
                + "      <ThreadGroup guiclass=\"ThreadGroupGui\" testclass=\"ThreadGroup\" testname=\"tg\">\n"
                + "        <intProp name=\"ThreadGroup.num_threads\">1</intProp>\n"
                + "        <intProp name=\"ThreadGroup.ramp_time\">0</intProp>\n"
                + "        <stringProp name=\"ThreadGroup.on_sample_error\">continue</stringProp>\n"
                + "        <elementProp name=\"ThreadGroup.main_controller\" elementType=\"LoopController\" guiclass=\"LoopControlPanel\" testclass=\"LoopController\" testname=\"Loop Controller\">\n"
                + "          <intProp name=\"LoopController.loops\">1</intProp>\n"
                + "          <boolProp name=\"LoopController.continue_forever\">false</boolProp>\n"
                + "        </elementProp>\n"
                + "      </ThreadGroup>\n"
                + "      <hashTree>\n"
                + "        <JSR223Sampler guiclass=\"TestBeanGUI\" testclass=\"JSR223Sampler\" testname=\"magpie call\">\n"
                + "          <stringProp name=\"scriptLanguage\">groovy</stringProp>\n"
                + "          <stringProp name=\"parameters\"></stringProp>\n"
                + "          <stringProp name=\"filename\"></stringProp>\n"
                + "          <stringProp name=\"cacheKey\">true</stringProp>\n"
                + "          <stringProp name=\"script\">" + script + "</stringProp>\n"
                + "        </JSR223Sampler>\n"
                + "        <hashTree/>\n"
                + "      </hashTree>\n"
                + "    </hashTree>\n"
                + "  </hashTree>\n"
                + "</jmeterTestPlan>\n";
    }

    private static String readAll(InputStream in) throws IOException {
        try (InputStream s = in) {
            return new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
