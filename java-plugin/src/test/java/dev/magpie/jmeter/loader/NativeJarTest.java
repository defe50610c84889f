package dev.magpie.jmeter.loader;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.Test;

/** The plugin jar: the native library inside it, loading it, and calling through JNI. */
public class NativeJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIB_ENTRY = "native/linux-x86_64/libmagpie_jni.so";

    @Test
    public void jarContainsTheNativeLibraryAndVersionResource() throws IOException {
        try (ZipFile zip = new ZipFile(TestPaths.jar().toFile())) {
            ZipEntry lib = zip.getEntry(LIB_ENTRY);
            assertNotNull(LIB_ENTRY + " missing from " + TestPaths.jar(), lib);
            assertTrue("empty " + LIB_ENTRY, lib.getSize() > 100_000);
            assertNotNull(zip.getEntry("dev/magpie/jmeter/loader/magpie-version.properties"));
            assertNotNull(zip.getEntry("dev/magpie/jmeter/loader/MagpieNative.class"));
        }
    }

    @Test
    public void loaderClassesComeFromTheJar() throws Exception {
        Path from = Paths.get(NativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(TestPaths.jar().toRealPath(), from.toRealPath());
        assertEquals(TestPaths.version(), NativeLibrary.version());
    }

    @Test
    public void loadsFromTheJarIntoThePerVersionCacheOnceAndForAll() throws Exception {
        Path first = NativeLibrary.load();
        Path second = NativeLibrary.load();
        assertSame(first, second);
        assertEquals(first, NativeLibrary.loadedPath());
        assertEquals(NativeLibrary.version(), first.getParent().getFileName().toString());
        assertEquals("libmagpie_jni.so", first.getFileName().toString());
        try (ZipFile zip = new ZipFile(TestPaths.jar().toFile())) {
            assertArrayEquals("extracted library differs from the jar's",
                    readAll(zip.getInputStream(zip.getEntry(LIB_ENTRY))), Files.readAllBytes(first));
        }
        // Concurrent loads are harmless too.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit((Callable<Path>) NativeLibrary::load));
            }
            for (Future<Path> f : results) {
                assertEquals(first, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void versionCallReturnsTheCrateVersion() throws IOException {
        JsonNode v = JSON.readTree(MagpieNative.call("version", "{}"));
        assertEquals(TestPaths.version(), v.path("version").asText());
        assertEquals("linux", v.path("os").asText());
        assertEquals("x86_64", v.path("arch").asText());
        assertEquals(v, JSON.readTree(Magpie.version()));
    }

    @Test
    public void unknownMethodThrowsMagpieException() {
        String msg = expectFailure("nope", "{}");
        assertTrue(msg, msg.contains("unknown method `nope`"));
        assertAlive();
    }

    @Test
    public void malformedRequestJsonThrowsMagpieExceptionNamingTheProblem() {
        String msg = expectFailure("har2jmx", "{\"har_path\": ");
        assertTrue(msg, msg.startsWith("har2jmx: bad request JSON:"));
        msg = expectFailure("har2jmx", "{\"har_path\": \"x.har\"}");
        assertTrue(msg, msg.contains("output_path"));
        msg = expectFailure("har2jmx", "{\"har_path\": \"x.har\", \"output_path\": \"x.jmx\", \"bogus\": 1}");
        assertTrue(msg, msg.contains("bogus"));
        assertAlive();
    }

    @Test
    public void missingHarThrowsMagpieExceptionNamingTheFile() throws IOException {
        Path dir = TestPaths.scratch("missing-har");
        ObjectNode req = JSON.createObjectNode();
        req.put("har_path", dir.resolve("no-such-recording.har").toString());
        req.put("output_path", dir.resolve("out.jmx").toString());
        try {
            Magpie.har2jmx(req.toString());
            fail("expected MagpieException");
        } catch (MagpieException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no-such-recording.har"));
        }
        assertAlive();
    }

    @Test
    public void nullArgumentsThrowMagpieException() {
        try {
            MagpieNative.call(null, "{}");
            fail("expected MagpieException");
        } catch (MagpieException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("method must not be null"));
        }
        try {
            MagpieNative.call("version", null);
            fail("expected MagpieException");
        } catch (MagpieException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("request JSON must not be null"));
        }
        assertAlive();
    }

    @Test
    public void panicInTheCoreBecomesMagpieExceptionAndTheJvmSurvives() {
        for (int i = 0; i < 3; i++) {
            String msg = expectFailure("selftest_panic", "{}");
            assertEquals("internal error: selftest_panic: deliberate panic", msg);
        }
        assertAlive();
    }

    @Test
    public void unicodeSurvivesTheRoundTrip() {
        Path dir;
        try {
            dir = TestPaths.scratch("unicode");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ObjectNode req = JSON.createObjectNode();
        req.put("har_path", dir.resolve("żółw-🐢.har").toString());
        req.put("output_path", dir.resolve("out.jmx").toString());
        String msg = expectFailure("har2jmx", req.toString());
        assertTrue(msg, msg.contains("żółw-🐢.har"));
    }

    @Test
    public void har2jmxConvertsTheFixtureRecording() throws IOException {
        Path har = TestPaths.repo().resolve("jmeter-fixtures/har/synthetic-correlation.har");
        org.junit.Assume.assumeTrue("fixture missing: " + har, Files.isRegularFile(har));
        Path out = TestPaths.scratch("har2jmx").resolve("synthetic-correlation.jmx");
        Files.deleteIfExists(out);
        ObjectNode req = JSON.createObjectNode();
        req.put("har_path", har.toString());
        req.put("output_path", out.toString());
        JsonNode summary = JSON.readTree(Magpie.har2jmx(req.toString()));
        assertEquals(out.toString(), summary.path("output_path").asText());
        assertTrue(summary.toString(), summary.path("samplers").asInt() > 0);
        String jmx = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        assertTrue(jmx, jmx.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jmeterTestPlan "));
    }

    // --- the loader on its own ---------------------------------------------------------------

    @Test
    public void platformNames() {
        assertEquals("linux-x86_64", NativeLibrary.platformOf("Linux", "amd64"));
        assertEquals("linux-aarch64", NativeLibrary.platformOf("Linux", "aarch64"));
        assertEquals("macos-aarch64", NativeLibrary.platformOf("Mac OS X", "aarch64"));
        assertEquals("macos-x86_64", NativeLibrary.platformOf("Mac OS X", "x86_64"));
        assertEquals("windows-x86_64", NativeLibrary.platformOf("Windows 11", "amd64"));
        assertNull(NativeLibrary.platformOf("SunOS", "sparcv9"));
        assertNull(NativeLibrary.platformOf("Linux", "ppc64le"));
        assertEquals("/native/linux-x86_64/libmagpie_jni.so", NativeLibrary.resourcePath("linux-x86_64"));
        assertEquals("/native/macos-aarch64/libmagpie_jni.dylib", NativeLibrary.resourcePath("macos-aarch64"));
        assertEquals("/native/windows-x86_64/magpie_jni.dll", NativeLibrary.resourcePath("windows-x86_64"));
    }

    @Test
    public void extractionReusesAnIdenticalCopyAndReplacesADifferentOne() throws IOException {
        Path dir = TestPaths.scratch("extract");
        Path target = dir.resolve("libx.so");
        Files.deleteIfExists(target);
        byte[] a = "first library".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second library".getBytes(StandardCharsets.UTF_8);
        assertEquals(target, NativeLibrary.extractInto(dir, a, "libx.so"));
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(target, old);
        NativeLibrary.extractInto(dir, a, "libx.so");
        assertEquals("an identical copy must be reused, not rewritten", old, Files.getLastModifiedTime(target));
        NativeLibrary.extractInto(dir, b, "libx.so");
        assertArrayEquals(b, Files.readAllBytes(target));
        String[] left = dir.toFile().list();
        assertEquals("temporary files left behind: " + Arrays.toString(left), 1, left.length);
    }

    // --- in a fresh JVM -------------------------------------------------------------------------

    @Test
    public void nativePathPropertyLoadsTheGivenLibrary() throws Exception {
        Path lib = TestPaths.repo().resolve("target/release/libmagpie_jni.so");
        String out = probe("-D" + NativeLibrary.PATH_PROPERTY + "=" + lib);
        assertTrue(out, out.contains("loaded=" + lib));
        assertTrue(out, out.contains("\"version\":\"" + TestPaths.version() + "\""));
    }

    @Test
    public void nativePathPropertyPointingNowhereIsAClearError() throws Exception {
        String out = probe("-D" + NativeLibrary.PATH_PROPERTY + "=/nonexistent/libmagpie_jni.so");
        assertTrue(out, out.contains("MagpieException: Magpie: -Dmagpie.native.path=/nonexistent/libmagpie_jni.so is not a file"));
    }

    @Test
    public void unsupportedPlatformIsAClearErrorNamingOsAndArch() throws Exception {
        String out = probe("-Dos.arch=sparcv9");
        assertTrue(out, out.contains("MagpieException: Magpie does not support this platform (os.name=Linux, os.arch=sparcv9)"));
        assertTrue(out, out.contains("built for: linux-x86_64"));
        out = probe("-Dos.arch=aarch64");
        assertTrue(out, out.contains("MagpieException: Magpie has no native library for this platform (os.name=Linux, os.arch=aarch64)"));
        assertTrue(out, out.contains("native/linux-aarch64/libmagpie_jni.so is not in the Magpie jar"));
    }

    @Test
    public void freshJvmSurvivesAPanicAndKeepsWorking() throws Exception {
        String out = probe(null, "selftest_panic");
        assertTrue(out, out.contains("call failed: internal error: selftest_panic: deliberate panic"));
        assertTrue(out, out.contains("still alive: {") && out.contains("\"version\":\"" + TestPaths.version() + "\""));
        assertTrue("the default panic hook should be quiet for caught panics: " + out, !out.contains("panicked at"));
    }

    // -----------------------------------------------------------------------------------------

    /** Runs {@link LoaderProbe} in a new JVM with the jar on the class path; returns stdout+stderr. */
    private static String probe(String jvmArg, String... args) throws Exception {
        Path cache = TestPaths.scratch("probe-cache");
        String testClasses = new File(LoaderProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-D" + NativeLibrary.CACHE_PROPERTY + "=" + cache);
        if (jvmArg != null) {
            cmd.add(jvmArg);
        }
        cmd.add("-cp");
        cmd.add(TestPaths.jar() + File.pathSeparator + testClasses);
        cmd.add(LoaderProbe.class.getName());
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
        assertTrue("probe timed out", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("probe JVM exit code; output:\n" + out, 0, p.exitValue());
        return out;
    }

    private static String expectFailure(String method, String request) {
        try {
            String out = MagpieNative.call(method, request);
            throw new AssertionError("expected MagpieException from " + method + ", got " + out);
        } catch (MagpieException e) {
            assertNotNull(e.getMessage());
            return e.getMessage();
        }
    }

    private static void assertAlive() {
        assertTrue(Magpie.version().contains("\"version\""));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (InputStream s = in) {
            return s.readAllBytes();
        }
    }
}
