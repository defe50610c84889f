package dev.magpie.jmeter.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The paths build.gradle passes to the tests as system properties. */
public final class TestPaths {
    private TestPaths() {
    }

    public static Path required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests with `gradle test`)");
        }
        return Paths.get(v);
    }

    /** build/libs/magpie-<version>.jar */
    public static Path jar() {
        return required("magpie.jar");
    }

    /** build/jmeter */
    public static Path jmeterHome() {
        return required("magpie.jmeter.home");
    }

    /** target/release/magpie */
    public static Path cli() {
        return required("magpie.cli");
    }

    /** The repository root. */
    public static Path repo() {
        return required("magpie.repo");
    }

    /** ../shared/corpus/har (may not exist). */
    public static Path corpusHar() {
        return required("magpie.corpus.har");
    }

    public static String version() {
        return System.getProperty("magpie.version", "");
    }

    /** A fresh directory under build/tmp for a test's files. */
    public static Path scratch(String name) throws java.io.IOException {
        Path dir = repo().resolve("build").resolve("tmp").resolve("java-tests").resolve(name);
        Files.createDirectories(dir);
        return dir;
    }
}
