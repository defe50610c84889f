package dev.magpie.jmeter.jmx;

import dev.magpie.jmeter.loader.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

/** JMeter initialised from build/jmeter, and SaveService load/save helpers. */
final class JMeterTestSupport {
    private static boolean initialised;

    private JMeterTestSupport() {
    }

    static synchronized void init() {
        if (initialised) {
            return;
        }
        Path home = TestPaths.jmeterHome();
        Path props = home.resolve("bin/jmeter.properties");
        if (!Files.isRegularFile(props)) {
            throw new IllegalStateException(props + " missing: run `gradle jmeterHome`");
        }
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(props.toString());
        JMeterUtils.setLocale(Locale.ENGLISH);
        JMeterUtils.initLocale();
        initialised = true;
    }

    /** SaveService.loadTree, which in 5.6.3 only reads files. */
    static HashTree load(Path jmx) throws IOException {
        init();
        return SaveService.loadTree(jmx.toFile());
    }

    static HashTree load(byte[] jmx) throws IOException {
        Path tmp = Files.createTempFile(TestPaths.scratch("load"), "plan", ".jmx");
        try {
            Files.write(tmp, jmx);
            return load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static byte[] save(HashTree tree) throws IOException {
        init();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SaveService.saveTree(tree, out);
        return out.toByteArray();
    }

    /** Null when equal; otherwise where and how the two documents first differ. */
    static String firstDifference(byte[] expected, byte[] actual) {
        if (java.util.Arrays.equals(expected, actual)) {
            return null;
        }
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("first difference at line ").append(i + 1)
                .append(" (input ").append(expected.length).append(" bytes/").append(e.length)
                .append(" lines, re-saved ").append(actual.length).append(" bytes/").append(a.length).append(" lines)\n");
        for (int k = Math.max(0, i - 3); k < i; k++) {
            sb.append("   ").append(e[k]).append('\n');
        }
        for (int k = i; k < Math.min(e.length, i + 4); k++) {
            sb.append(" - ").append(show(e[k])).append('\n');
        }
        for (int k = i; k < Math.min(a.length, i + 4); k++) {
            sb.append(" + ").append(show(a[k])).append('\n');
        }
        return sb.toString();
    }

    private static String show(String line) {
        return line.replace("\r", "\\r").replace("\t", "\\t");
    }
}
